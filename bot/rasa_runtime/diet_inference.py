"""DIET's prediction graph is called as the one concrete function it always is.

Rasa 3.6 wraps DIETClassifier's `predict_step` in a `tf.function` with a fixed input signature
and calls that on every message. Each call then matches the inputs against the signature to
look up the concrete graph again (`_maybe_define_function`, `canonicalize_function_inputs`):
Python work about as long as running the graph itself, ~1 ms of the ~7 ms Rasa spends
understanding a message here. With a fixed signature there is only one concrete function, so
after Rasa has built it on the first prediction it is called directly: same graph, same
outputs.
"""

from typing import Any, Dict, Tuple

import numpy as np
import tensorflow as tf
from rasa.utils.tensorflow.models import RasaModel

rasas_predict = RasaModel._rasa_predict


def rasa_predict(self: RasaModel, batch_in: Tuple[np.ndarray, ...]) -> Dict[str, Any]:
    """RasaModel._rasa_predict, with the traced function swapped for its concrete graph."""
    outputs = rasas_predict(self, batch_in)
    step = self._tf_predict_step
    if isinstance(step, tf.types.experimental.GenericFunction) and step.input_signature:
        self._tf_predict_step = step.get_concrete_function()
    return outputs


def install() -> None:
    RasaModel._rasa_predict = rasa_predict
