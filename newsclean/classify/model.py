"""The learned line model: small multilayer perceptrons read from a shipped ``.npz`` file.

Stage one scores each line from its own features and its neighbours'; stage two re-scores it from the
stage-one scores around it (see :mod:`newsclean.classify.context`); the boundary models score each line
as the first and the last of the article, also from the stage-one scores (see
:mod:`newsclean.classify.boundary`). ``training/train_line_model.py`` writes the file from the corpus
dev split.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .boundary import BOUNDARY_FEATURE_NAMES
from .context import CONTEXT_FEATURE_NAMES
from .features import FEATURE_NAMES

MODEL_FILE = "line_model.npz"


@dataclass(frozen=True, slots=True)
class Mlp:
    """Standardise, ReLU hidden layers, one logistic output."""

    mean: np.ndarray
    scale: np.ndarray
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    # The layers as applied: standardising folded into the first, since
    # ((x - mean) / scale) @ w + b == x @ (w / scale) + (b - (mean / scale) @ w); saves two passes over x.
    _layers: tuple[tuple[np.ndarray, np.ndarray], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        w, b = self.weights[0], self.biases[0]
        first = ((w / self.scale[:, None]).astype(np.float32), (b - (self.mean / self.scale) @ w).astype(np.float32))
        object.__setattr__(self, "_layers", (first, *zip(self.weights[1:], self.biases[1:], strict=True)))

    def logit(self, x: np.ndarray) -> np.ndarray:
        *hidden, (w_out, b_out) = self._layers
        h = x
        for w, b in hidden:
            h = h @ w
            h += b
            np.maximum(h, 0.0, out=h)
        return (h @ w_out + b_out).ravel()

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        arrays = {f"{prefix}mean": self.mean, f"{prefix}scale": self.scale}
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            arrays[f"{prefix}w{i}"] = w
            arrays[f"{prefix}b{i}"] = b
        return arrays

    @classmethod
    def from_arrays(cls, arrays, prefix: str) -> Mlp:
        weights: list[np.ndarray] = []
        biases: list[np.ndarray] = []
        while f"{prefix}w{len(weights)}" in arrays:
            weights.append(arrays[f"{prefix}w{len(weights)}"].astype(np.float32))
            biases.append(arrays[f"{prefix}b{len(biases)}"].astype(np.float32))
        if not weights:
            raise KeyError(f"{prefix}w0")
        return cls(arrays[f"{prefix}mean"].astype(np.float32), arrays[f"{prefix}scale"].astype(np.float32),
                   tuple(weights), tuple(biases))


@dataclass(frozen=True, slots=True)
class LineModel:
    lines: Mlp  # stage one, over FEATURE_NAMES
    context: Mlp  # stage two, over CONTEXT_FEATURE_NAMES
    # The article's first and last line, over BOUNDARY_FEATURE_NAMES; the HTML block model has none.
    start: Mlp | None = None
    end: Mlp | None = None

    def save(
        self,
        path: Path,
        *,
        feature_names: tuple[str, ...] = FEATURE_NAMES,
        context_names: tuple[str, ...] = CONTEXT_FEATURE_NAMES,
        boundary_names: tuple[str, ...] = BOUNDARY_FEATURE_NAMES,
    ) -> None:
        arrays = {
            "feature_names": np.array(feature_names),
            "context_names": np.array(context_names),
            **self.lines.to_arrays("lines_"),
            **self.context.to_arrays("context_"),
        }
        if self.start is not None and self.end is not None:
            arrays |= {"boundary_names": np.array(boundary_names), **self.start.to_arrays("start_"),
                       **self.end.to_arrays("end_")}
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def load_model(
    path: Path,
    *,
    feature_names: tuple[str, ...] = FEATURE_NAMES,
    context_names: tuple[str, ...] = CONTEXT_FEATURE_NAMES,
    boundary_names: tuple[str, ...] = BOUNDARY_FEATURE_NAMES,
) -> LineModel:
    """Read a model file; raise :class:`ModelError` when it is missing or was trained on other features
    than ``feature_names`` (stage one), ``context_names`` (stage two) and, if it has boundary models,
    ``boundary_names``."""
    try:
        with open(path, "rb") as f, np.load(f, allow_pickle=False) as arrays:
            has_boundary = "boundary_names" in arrays
            saved = (
                tuple(arrays["feature_names"].tolist()),
                tuple(arrays["context_names"].tolist()),
                tuple(arrays["boundary_names"].tolist()) if has_boundary else boundary_names,
            )
            stages = ("lines", "context", "start", "end") if has_boundary else ("lines", "context")
            model = LineModel(*(Mlp.from_arrays(arrays, f"{stage}_") for stage in stages))
    except (OSError, KeyError, ValueError, EOFError, TypeError, AttributeError, zipfile.BadZipFile) as exc:
        raise ModelError(str(path), f"cannot read model: {exc}") from exc
    if saved != (feature_names, context_names, boundary_names):
        raise ModelError(str(path), "model was trained on other features; retrain it")
    return model


@cache
def default_model() -> LineModel:
    """The model shipped in ``newsclean/data``."""
    with resources.as_file(resources.files("newsclean") / "data" / MODEL_FILE) as path:
        return load_model(path)
