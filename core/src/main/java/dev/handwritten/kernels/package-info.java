/**
 * The hot loops: static, allocation-free methods on {@code float[]}, each fast kernel beside a
 * naive twin that the tests use as the oracle. Nothing here validates shapes; the layers do that
 * once, at their public boundary, so the loops never pay for checks.
 *
 * <p>Dimension letters, used only inside this package: {@code N} batch, {@code C} input channels,
 * {@code H, W} input height and width, {@code K} kernel size, {@code OC} output channels, {@code
 * OH, OW} output height and width; for matrix products {@code M, N, K} are the rows of C, the
 * columns of C and the inner dimension. All arrays are row-major and dense; an {@code offset}
 * argument says where in the array a matrix or sample starts, so a batch can be walked without
 * copies.
 */
package dev.handwritten.kernels;
