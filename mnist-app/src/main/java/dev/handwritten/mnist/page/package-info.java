/**
 * Reading the handwritten number in a picture, one small stage per class: {@link
 * dev.handwritten.mnist.page.PictureDecoder} (bytes to pixels, refusing what is too large or
 * broken), {@link dev.handwritten.mnist.page.Lighting} and {@link
 * dev.handwritten.mnist.page.Binarizer} (ink, whatever the light), {@link
 * dev.handwritten.mnist.page.RuleRemover} (printed lines and the page's edge), {@link
 * dev.handwritten.mnist.page.Components} and {@link dev.handwritten.mnist.page.Layout} (pieces of
 * ink to lines of glyphs), {@link dev.handwritten.mnist.page.Splitter} (joined and touching digits,
 * judged by the classifier), {@link dev.handwritten.mnist.page.MnistCrop} (each digit made
 * MNIST-like), {@link dev.handwritten.mnist.page.WritingSize} (specks far smaller than the
 * writing). {@link dev.handwritten.mnist.page.PageReader} runs them; its {@link
 * dev.handwritten.mnist.page.PageReading} is what {@code predict}, {@code serve} and {@code
 * photo-bench} report. docs/page-reading.md shows each stage on a photo.
 */
package dev.handwritten.mnist.page;
