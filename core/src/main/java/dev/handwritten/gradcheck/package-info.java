/**
 * {@link dev.handwritten.gradcheck.GradientCheck}: compares a layer's analytic gradients (input and
 * every parameter) with central differences in double precision, on a seeded random probe loss.
 * Public, so that users can prove their own layers the way this library proves its own; see {@code
 * docs/gradient-checking.md} for the tolerance and why.
 */
package dev.handwritten.gradcheck;
