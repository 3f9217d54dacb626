/** File helpers the app shares: writing a file so that nothing half-written is ever visible. */
package dev.handwritten.mnist.io;
