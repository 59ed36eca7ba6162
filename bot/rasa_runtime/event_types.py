"""Event classes looked up by name in a table, not by walking Event's subclasses every time.

Rasa 3.6 turns every stored event back into an object through `Event.resolve_by_type`, which
lists all subclasses of Event (recursively, checking each for abstractness) for each single
event: about 5 % of the Rasa process's time per message here, where every message loads the
conversation's few hundred events. The table is built once from the same list, the first class
naming a type winning as in Rasa's loop; a name it lacks (an event class imported later, the
legacy "topic", an unknown name) is left to Rasa's own lookup and its errors.
"""

from functools import lru_cache
from typing import Dict, Optional, Text, Type

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses


@lru_cache(maxsize=1)
def _classes_by_type_name() -> Dict[Text, Type[Event]]:
    table: Dict[Text, Type[Event]] = {}
    for event_class in all_subclasses(Event):
        table.setdefault(event_class.type_name, event_class)
    return table


def install() -> None:
    rasas_lookup = Event.resolve_by_type

    def resolve_by_type(type_name: Text,
                        default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        return _classes_by_type_name().get(type_name) or rasas_lookup(type_name, default)

    Event.resolve_by_type = staticmethod(resolve_by_type)
