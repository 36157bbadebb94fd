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
        if x.dtype != np.float32 or len(self._layers) < 2:
            return whole_logit(self, x)
        return shared_logits((self,), x)[0]

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


CHUNK_ROWS = 1024  # rows per pass through the layers: a chunk's hidden activations stay in the L2 cache
MIN_LAST_ROWS = 256  # a shorter rest of rows goes with the chunk before it


def whole_logit(mlp: Mlp, x: np.ndarray) -> np.ndarray:
    """:meth:`Mlp.logit` as one product per layer over all rows at once (any dtype)."""
    *hidden, (w_out, b_out) = mlp._layers
    h = x
    for w, b in hidden:
        h = h @ w
        h += b
        np.maximum(h, 0.0, out=h)
    return (h @ w_out + b_out).ravel()


def row_chunks(n: int) -> list[tuple[int, int]]:
    """``n`` rows cut at the multiples of :data:`CHUNK_ROWS`, a short rest joined to the chunk before it.

    The matrix product works on groups of rows and treats a last group of fewer rows with other kernels,
    which add up in another order; with chunks that start where the groups of one product over all rows
    start, and a last chunk that ends where that product ends, every row is summed as in that product."""
    edges = list(range(0, n, CHUNK_ROWS))
    if not edges:
        return []
    if len(edges) > 1 and n - edges[-1] < MIN_LAST_ROWS:
        edges.pop()
    return list(zip(edges, [*edges[1:], n], strict=True))


def shared_logits(models: tuple[Mlp, ...], x: np.ndarray) -> list[np.ndarray]:
    """Each model's :meth:`Mlp.logit` over the same float32 rows ``x``, bit for bit: the models' first layers
    are applied as one matrix product (their weights side by side), then each model's later layers to its
    columns of it; chunk by chunk of rows (:func:`row_chunks`), so that the hidden activations are added to,
    clipped and multiplied again while they are in the cache. Every output element is the same dot product
    as in one product over all rows: each sums its own row and column in the same order."""
    firsts = [m._layers[0] for m in models]
    if len(models) == 1:
        w_first, b_first = firsts[0]
    else:
        w_first = np.ascontiguousarray(np.hstack([w for w, _ in firsts]))
        b_first = np.concatenate([b for _, b in firsts])
    widths = np.cumsum([0, *(w.shape[1] for w, _ in firsts)])
    n = len(x)
    outs = [np.empty(n, dtype=np.float32) for _ in models]
    hidden = np.empty((min(n, CHUNK_ROWS + MIN_LAST_ROWS), w_first.shape[1]), dtype=np.float32)
    for start, stop in row_chunks(n):
        h = hidden[: stop - start]
        np.matmul(x[start:stop], w_first, out=h)
        h += b_first
        np.maximum(h, 0.0, out=h)
        for k, model in enumerate(models):
            g = h[:, widths[k] : widths[k + 1]]
            *later, (w_out, _) = model._layers[1:]
            for w, b in later:
                g = g @ w
                g += b
                np.maximum(g, 0.0, out=g)
            np.matmul(g, w_out[:, 0], out=outs[k][start:stop])
    for out, model in zip(outs, models, strict=True):
        out += model._layers[-1][1]
    return outs


@dataclass(frozen=True, slots=True)
class LineModel:
    lines: Mlp  # stage one, over FEATURE_NAMES
    context: Mlp  # stage two, over CONTEXT_FEATURE_NAMES
    # The article's first and last line, over BOUNDARY_FEATURE_NAMES; the HTML block model has none.
    start: Mlp | None = None
    end: Mlp | None = None

    def boundary_logits(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The start and the end model over the same boundary rows, in one pass (:func:`shared_logits`)."""
        if self.start is None or self.end is None:
            raise ValueError("the model has no boundary models")
        if rows.dtype != np.float32 or len(self.start._layers) < 2 or len(self.end._layers) < 2:
            return self.start.logit(rows), self.end.logit(rows)
        start, end = shared_logits((self.start, self.end), rows)
        return start, end

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
