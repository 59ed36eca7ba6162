"""The lock store of docker/endpoints.yml on the real Redis (127.0.0.1:6379, started by
scripts/ensure_test_services.sh): replicas asking for a conversation's lock at the same moment
get distinct tickets, which Rasa's own Redis lock store does not guarantee."""

from concurrent.futures import ThreadPoolExecutor
import threading
from typing import List
import uuid

from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.redis_lock_store import AtomicRedisLockStore

_REPLICAS, _MESSAGES_EACH = 2, 20


def _endpoint(prefix: str) -> EndpointConfig:
    return EndpointConfig(url="127.0.0.1", port=6379, db=0, key_prefix=prefix)


def _tickets_issued_at_once(stores: List[RedisLockStore], conversation_id: str) -> List[int]:
    requests = [store for store in stores for _ in range(_MESSAGES_EACH)]
    start = threading.Barrier(len(requests))

    def issue(store: RedisLockStore) -> int:
        start.wait()
        return store.issue_ticket(conversation_id)

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(issue, requests))


def test_replicas_asking_at_the_same_moment_get_one_ticket_each():
    prefix = f"test{uuid.uuid4().hex}"
    stores = [AtomicRedisLockStore(_endpoint(prefix)) for _ in range(_REPLICAS)]
    tickets = _tickets_issued_at_once(stores, "resident")
    assert sorted(tickets) == list(range(_REPLICAS * _MESSAGES_EACH))
    for ticket in tickets:
        stores[ticket % _REPLICAS].cleanup("resident", ticket)
    assert stores[0].get_lock("resident") is None  # the last release removes the lock


def test_rasas_own_redis_lock_store_hands_out_the_same_ticket_twice():
    """Why the class exists: the race it closes is real."""
    endpoint = _endpoint(f"test{uuid.uuid4().hex}")
    stores = [RedisLockStore(host=endpoint.url, **endpoint.kwargs) for _ in range(_REPLICAS)]
    tickets = _tickets_issued_at_once(stores, "resident")
    assert len(set(tickets)) < len(tickets)
    stores[0].delete_lock("resident")


async def test_a_conversation_is_locked_until_its_turn_is_over():
    prefix = f"test{uuid.uuid4().hex}"
    first, second = (AtomicRedisLockStore(_endpoint(prefix)) for _ in range(2))
    async with first.lock("resident") as held:
        assert not held.is_locked(0)
        waiting = second.issue_ticket("resident")
        assert second.get_lock("resident").is_locked(waiting)
        second.cleanup("resident", waiting)
    assert first.get_lock("resident") is None
