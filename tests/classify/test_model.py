"""The two-stage line model and its file (``newsclean.classify.model``)."""

from __future__ import annotations

import gc
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from newsclean.classify.boundary import BOUNDARY_FEATURE_NAMES
from newsclean.classify.context import CONTEXT_FEATURE_NAMES
from newsclean.classify.features import FEATURE_NAMES
from newsclean.classify.model import CHUNK_ROWS, LineModel, Mlp, default_model, load_model, row_chunks, whole_logit
from newsclean.errors import ModelError, NewscleanError


def random_mlp(rng: np.random.Generator, n_in: int, hidden: tuple[int, ...]) -> Mlp:
    sizes = (n_in, *hidden, 1)
    weights = tuple(rng.normal(size=(a, b)).astype(np.float32) for a, b in pairwise(sizes))
    biases = tuple(rng.normal(size=b).astype(np.float32) for b in sizes[1:])
    mean = rng.normal(size=n_in).astype(np.float32)
    scale = rng.uniform(0.5, 2.0, size=n_in).astype(np.float32)
    return Mlp(mean, scale, weights, biases)


def tiny_model(seed: int = 0) -> LineModel:
    rng = np.random.default_rng(seed)
    return LineModel(
        random_mlp(rng, len(FEATURE_NAMES), (4, 3)),
        random_mlp(rng, len(CONTEXT_FEATURE_NAMES), (2,)),
        random_mlp(rng, len(BOUNDARY_FEATURE_NAMES), (3,)),
        random_mlp(rng, len(BOUNDARY_FEATURE_NAMES), (2,)),
    )


def test_mlp_logit_by_hand() -> None:
    mlp = Mlp(
        mean=np.array([1.0, 0.0], dtype=np.float32),
        scale=np.array([2.0, 1.0], dtype=np.float32),
        weights=(np.array([[1.0, -1.0], [1.0, 1.0]], dtype=np.float32), np.array([[2.0], [3.0]], dtype=np.float32)),
        biases=(np.array([0.0, 0.5], dtype=np.float32), np.array([-1.0], dtype=np.float32)),
    )
    x = np.array([[3.0, 1.0], [1.0, -2.0]], dtype=np.float32)
    # Row 0: h = [1, 1] -> [2, 0.5] -> relu -> 2*2 + 3*0.5 - 1 = 4.5
    # Row 1: h = [0, -2] -> [-2, -1.5] -> relu -> 0 - 1 = -1
    assert mlp.logit(x).tolist() == pytest.approx([4.5, -1.0])


def test_row_chunks_start_at_multiples_and_end_at_the_last_row() -> None:
    assert row_chunks(0) == []
    assert row_chunks(5) == [(0, 5)]
    assert row_chunks(CHUNK_ROWS + 1) == [(0, CHUNK_ROWS + 1)]  # a short rest joins the chunk before it
    c = CHUNK_ROWS
    assert row_chunks(3 * c) == [(0, c), (c, 2 * c), (2 * c, 3 * c)]
    for n in (CHUNK_ROWS - 1, 2 * CHUNK_ROWS + 300, 5 * CHUNK_ROWS + 3):
        chunks = row_chunks(n)
        assert chunks[0][0] == 0 and chunks[-1][1] == n
        assert all(stop == start for (_, stop), (start, _) in pairwise(chunks))
        assert all(start % CHUNK_ROWS == 0 for start, _ in chunks)


@pytest.mark.parametrize("order", ["C", "F"])
def test_chunked_logits_equal_one_product_over_all_rows(order: str) -> None:
    """Chunked, and with the start and end models in one product, the logits are the same bits."""
    model = default_model()
    rng = np.random.default_rng(3)
    assert model.start is not None and model.end is not None
    for n in (1, 17, CHUNK_ROWS + 255, 2 * CHUNK_ROWS + 256, 3 * CHUNK_ROWS + 1000):
        for mlp in (model.lines, model.context):
            x = np.asarray(rng.normal(size=(n, mlp.mean.shape[0])) * 3, dtype=np.float32, order=order)
            assert np.array_equal(mlp.logit(x), whole_logit(mlp, x))
        xb = np.asarray(rng.normal(size=(n, model.start.mean.shape[0])) * 3, dtype=np.float32, order=order)
        start, end = model.boundary_logits(xb)
        assert np.array_equal(start, whole_logit(model.start, xb))
        assert np.array_equal(end, whole_logit(model.end, xb))


def test_logit_of_float64_rows() -> None:
    mlp = default_model().context
    x = np.random.default_rng(4).normal(size=(5, mlp.mean.shape[0]))
    assert mlp.logit(x).dtype == np.float64
    assert np.allclose(mlp.logit(x), mlp.logit(x.astype(np.float32)), atol=1e-3)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = tiny_model()
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = load_model(path)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(7, len(FEATURE_NAMES))).astype(np.float32)
    xc = rng.normal(size=(7, len(CONTEXT_FEATURE_NAMES))).astype(np.float32)
    assert np.array_equal(loaded.lines.logit(x), model.lines.logit(x))
    assert np.array_equal(loaded.context.logit(xc), model.context.logit(xc))
    assert len(loaded.lines.weights) == 3
    assert len(loaded.context.weights) == 2
    xb = rng.normal(size=(7, len(BOUNDARY_FEATURE_NAMES))).astype(np.float32)
    assert loaded.start is not None and model.start is not None
    assert loaded.end is not None and model.end is not None
    assert np.array_equal(loaded.start.logit(xb), model.start.logit(xb))
    assert np.array_equal(loaded.end.logit(xb), model.end.logit(xb))


def test_model_without_boundary_models(tmp_path: Path) -> None:
    path = tmp_path / "two_stages.npz"
    model = tiny_model()
    LineModel(model.lines, model.context).save(path)
    loaded = load_model(path)
    assert loaded.start is None and loaded.end is None


def test_mlp_arrays_round_trip() -> None:
    mlp = tiny_model().lines
    again = Mlp.from_arrays(mlp.to_arrays("x_"), "x_")
    assert np.array_equal(again.mean, mlp.mean)
    assert all(np.array_equal(a, b) for a, b in zip(again.weights, mlp.weights, strict=True))
    with pytest.raises(KeyError):
        Mlp.from_arrays(mlp.to_arrays("x_"), "y_")


def assert_model_error(path: Path, match: str | None = None) -> ModelError:
    with pytest.raises(ModelError, match=match) as info:
        load_model(path)
    assert isinstance(info.value, NewscleanError)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    return info.value


def test_missing_file(tmp_path: Path) -> None:
    assert_model_error(tmp_path / "nowhere.npz")


def test_directory(tmp_path: Path) -> None:
    assert_model_error(tmp_path)


def test_garbage_file(tmp_path: Path) -> None:
    path = tmp_path / "garbage.npz"
    path.write_text("this is not a model\n" * 20)
    assert_model_error(path, "cannot read")


def test_file_without_weights(tmp_path: Path) -> None:
    path = tmp_path / "partial.npz"
    np.savez(path, feature_names=np.array(FEATURE_NAMES), context_names=np.array(CONTEXT_FEATURE_NAMES))
    assert_model_error(path, "cannot read")


def test_file_without_context_stage(tmp_path: Path) -> None:
    path = tmp_path / "half.npz"
    arrays = {
        "feature_names": np.array(FEATURE_NAMES),
        "context_names": np.array(CONTEXT_FEATURE_NAMES),
        **tiny_model().lines.to_arrays("lines_"),
    }
    np.savez(path, **arrays)
    assert_model_error(path, "cannot read")


def resave_with(path: Path, **changes: np.ndarray) -> None:
    with np.load(path) as arrays:
        data = {name: arrays[name] for name in arrays.files}
    data.update(changes)
    np.savez(path, **data)


def test_file_with_other_feature_names(tmp_path: Path) -> None:
    path = tmp_path / "old.npz"
    tiny_model().save(path)
    resave_with(path, feature_names=np.array([*FEATURE_NAMES[:-1], "some_old_feature"]))
    assert_model_error(path, "other features")


def test_file_with_other_context_names(tmp_path: Path) -> None:
    path = tmp_path / "old_context.npz"
    tiny_model().save(path)
    resave_with(path, context_names=np.array(CONTEXT_FEATURE_NAMES[:-1]))
    assert_model_error(path, "other features")


def test_file_with_other_boundary_names(tmp_path: Path) -> None:
    path = tmp_path / "old_boundary.npz"
    tiny_model().save(path)
    resave_with(path, boundary_names=np.array(BOUNDARY_FEATURE_NAMES[1:]))
    assert_model_error(path, "other features")


def test_file_with_features_in_another_order(tmp_path: Path) -> None:
    path = tmp_path / "shuffled.npz"
    tiny_model().save(path)
    resave_with(path, feature_names=np.array(FEATURE_NAMES[::-1]))
    assert_model_error(path, "other features")


def load_error(path: Path) -> type[BaseException] | None:
    """The type of what ``load_model`` raises; the exception itself is dropped here, so that a file numpy left
    open is closed inside the test (its ResourceWarning is ignored below)."""
    try:
        load_model(path)
    except Exception as exc:
        return type(exc)
    return None


@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("kind", ["empty", "truncated", "npy"])
def test_malformed_files_raise_model_error(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.npz"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        tiny_model().save(path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        with path.open("wb") as f:
            np.save(f, np.arange(3))
    error = load_error(path)
    gc.collect()
    assert error is ModelError


def test_default_model_fits_the_features() -> None:
    model = default_model()
    assert model is default_model()  # loaded once
    assert model.lines.mean.shape == (len(FEATURE_NAMES),)
    assert model.context.mean.shape == (len(CONTEXT_FEATURE_NAMES),)
    assert model.lines.weights[0].shape[0] == len(FEATURE_NAMES)
    assert model.context.weights[0].shape[0] == len(CONTEXT_FEATURE_NAMES)
    assert model.lines.weights[-1].shape[1] == model.context.weights[-1].shape[1] == 1
    assert np.all(model.lines.scale > 0) and np.all(model.context.scale > 0)
    assert model.start is not None and model.end is not None  # the line model has its boundary pass
    assert model.start.weights[0].shape[0] == model.end.weights[0].shape[0] == len(BOUNDARY_FEATURE_NAMES)
    x = np.zeros((3, len(FEATURE_NAMES)), dtype=np.float32)
    assert model.lines.logit(x).shape == (3,)
