"""The Redis broker transport, with one guard against a worker dying when Redis goes away.

When a worker loses Redis, Celery's consumer first collects the broken connection and then closes it.
If Redis is still down during the collect, closing the channel fails half-way (its unacknowledged tasks
cannot be put back), so the close that follows runs the channel's close again, on a connection that no
longer has its settings. kombu then fails with AttributeError ("'NoneType' object has no attribute
'hostname'") instead of a connection error, and the worker stops with "Unrecoverable error" rather than
reconnecting.

Here that second attempt raises the connection error it stands for, which the consumer ignores as it
does any other: it reconnects, and the tasks still unacknowledged are delivered again by Redis after the
visibility timeout (tasks are acknowledged late). Tested by restarting Redis under a working worker
(tests/alerts/test_broker.py).
"""

from kombu import transport as kombu_transports
from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError


class Channel(kombu_redis.Channel):
    def _connparams(self, asynchronous: bool = False) -> dict:
        if self.connection.client is None:
            raise RedisConnectionError("The broker connection was closed; the worker reconnects.")
        return super()._connparams(asynchronous=asynchronous)


class Transport(kombu_redis.Transport):
    Channel = Channel


def use_for_redis_urls() -> None:
    """Make redis:// broker URLs use this transport, keeping the URLs (and the logs) as they are."""
    kombu_transports.TRANSPORT_ALIASES["redis"] = f"{__name__}:Transport"
