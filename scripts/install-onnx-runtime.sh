#!/usr/bin/env bash
# Installs what OnnxExportTest checks exported models with: Python's onnx (the ONNX checker) and
# onnxruntime, in a virtual environment at ~/.cache/handwritten-onnx (HANDWRITTEN_ONNX_VENV
# overrides it), from the Python package index that pip is configured with. Idempotent: a second
# run that finds both importable does nothing. Called by .ci/run; the test itself only looks for
# them, and is skipped, saying so, where they are missing.
set -euo pipefail

venv="${HANDWRITTEN_ONNX_VENV:-$HOME/.cache/handwritten-onnx}"
if "$venv/bin/python" -c 'import onnx, onnxruntime, numpy' >/dev/null 2>&1; then
  echo "install-onnx-runtime: $("$venv/bin/python" -c \
    'import onnx, onnxruntime; print("onnx", onnx.__version__, "and onnxruntime", onnxruntime.__version__)') already in $venv"
  exit 0
fi

python3 -m venv "$venv"
# The machine's own index when pip has one configured (the first of its extra index URLs), so that
# pip does not wait on an index it cannot reach; pip's defaults otherwise.
index=$(python3 -m pip config get global.extra-index-url 2>/dev/null | awk '{print $1}' || true)
"$venv/bin/pip" install --quiet --disable-pip-version-check ${index:+--index-url "$index"} \
  onnx onnxruntime numpy 2> >(grep -v "is neither a file nor a directory" >&2)
echo "install-onnx-runtime: installed $("$venv/bin/python" -c \
  'import onnx, onnxruntime; print("onnx", onnx.__version__, "and onnxruntime", onnxruntime.__version__)') in $venv"
