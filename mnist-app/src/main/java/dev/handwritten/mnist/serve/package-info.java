/**
 * {@code mnist serve}: the recognizer over HTTP, on the JDK's own server ({@code
 * com.sun.net.httpserver}). {@link dev.handwritten.mnist.serve.DigitServer} serves one
 * self-contained page to draw digits on, and the JSON API it uses: {@code POST /api/predict}
 * (answers in {@code mnist predict --json}'s shape, {@link
 * dev.handwritten.mnist.page.PictureReport}), {@code POST /api/explain} (feature maps and
 * saliency), {@code GET /api/model} and {@code GET /healthz}, within {@link
 * dev.handwritten.mnist.serve.Limits}.
 */
package dev.handwritten.mnist.serve;
