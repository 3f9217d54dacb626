"""Checks an ONNX file written by `mnist export` with the real tools: the ONNX checker (with full
shape inference), then ONNX Runtime on the same images handwritten's Java code saw.

Usage: check_onnx.py MODEL.onnx IMAGES.f32 EXPECTED.f32
  IMAGES.f32    N x 1 x 28 x 28 float32, little-endian: pixels in [0, 1], ink high
  EXPECTED.f32  N x 10 float32, little-endian: handwritten's probabilities for those images
Prints one JSON object: the versions, the largest absolute difference, and the metadata read back.
Run by OnnxExportTest.
"""

import json
import sys

import numpy as np
import onnx
import onnxruntime

model_path, images_path, expected_path = sys.argv[1:4]

model = onnx.load(model_path)
onnx.checker.check_model(model, full_check=True)

images = np.fromfile(images_path, dtype="<f4").reshape(-1, 1, 28, 28)
expected = np.fromfile(expected_path, dtype="<f4").reshape(images.shape[0], -1)
session = onnxruntime.InferenceSession(model_path, providers=["CPUExecutionProvider"])
(probabilities,) = session.run(["probabilities"], {"image": images})
# The batch dimension is dynamic: one image alone gives the same answer as inside the batch.
(first,) = session.run(["probabilities"], {"image": images[:1]})

print(
    json.dumps(
        {
            "onnx": onnx.__version__,
            "onnxruntime": onnxruntime.__version__,
            "ir_version": model.ir_version,
            "opset": [[o.domain, o.version] for o in model.opset_import],
            "images": int(images.shape[0]),
            "output_shape": list(probabilities.shape),
            "max_abs_difference": float(np.max(np.abs(probabilities - expected))),
            "single_image_difference": float(np.max(np.abs(first - expected[:1]))),
            "same_digits": int(np.sum(probabilities.argmax(1) == expected.argmax(1))),
            "operators": [node.op_type for node in model.graph.node],
            "metadata": {p.key: p.value for p in model.metadata_props},
        }
    )
)
