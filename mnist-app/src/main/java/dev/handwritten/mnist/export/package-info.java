/**
 * Trained models in formats other runtimes read: {@link dev.handwritten.mnist.export.OnnxExport}
 * writes ONNX (IR 7, opset 13) through a small protobuf encoder of its own, so the app needs no
 * protobuf library; see {@code docs/onnx-export.md} for using the file from Python and a web page.
 */
package dev.handwritten.mnist.export;
