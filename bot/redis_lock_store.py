"""Rasa's Redis lock store, with each change of a conversation's lock made atomically.

Several Rasa replicas process a conversation's messages one at a time by queueing on a ticket
lock kept in Redis. Rasa 3.6's RedisLockStore changes that lock by reading it, changing it in
the process and writing it back (GET, then SET). Two replicas that receive messages for the
same conversation at the same moment both read the same lock, both issue the same ticket
number and process their messages at once: each saves the conversation as it read it plus its
own turn, and one turn is lost (tests/integration/test_replicas.py shows it). Releasing a
ticket races the same way, and may delete the lock another replica has just queued on. Here
every change is one Redis transaction (WATCH, then MULTI/EXEC, retried when another replica
changed the lock in between). docker/endpoints.yml names this class as the lock store.
"""

import json
from typing import Any, Callable, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        # what Rasa passes for `type: redis`
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _change(self, conversation_id: Text, change: Callable[[TicketLock], Any],
                create: bool = False) -> Any:
        """Applies `change` to the stored lock (to a new one if `create`) in one transaction;
        a lock left without tickets is deleted. Returns what `change` returned."""
        key = self.key_prefix + conversation_id

        def transaction(pipe: Any) -> Optional[Any]:
            stored = pipe.get(key)
            if stored is None and not create:
                return None
            lock = (TicketLock.from_dict(json.loads(stored)) if stored
                    else TicketLock(conversation_id))
            result = change(lock)
            pipe.multi()
            if lock.tickets:
                pipe.set(key, lock.dumps())
            else:
                pipe.delete(key)
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime),
                                create=True)
        except Exception as error:  # as Rasa's own: the message then fails with a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}")

    def update_lock(self, conversation_id: Text) -> None:
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # Rasa's deletes the lock in a second step if it is empty, which finish_serving does
        # here in the same transaction.
        self.finish_serving(conversation_id, ticket_number)
