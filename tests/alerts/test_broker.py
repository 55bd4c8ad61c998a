"""The worker's broker connection when Redis goes away, on a redis-server of the test's own.

Celery's consumer, on losing Redis, collects the broken connection and then closes it. With a task
delivered and not yet acknowledged (tasks are acknowledged late), the collect cannot put it back while
Redis is down, and the close that follows runs the channel's close a second time. kombu's own transport
then fails with AttributeError, which stops the worker ("Unrecoverable error"); dcfp.broker's transport
raises a connection error there, which the consumer ignores before it reconnects.
"""

import kombu
import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from dcfp import broker
from tests.alerts.test_sweep_worker import RedisServer

pytestmark = pytest.mark.worker


def _lose_redis_with_a_task_unacknowledged(server: RedisServer) -> kombu.Connection:
    """A connection holding one delivered, unacknowledged message when its Redis stops, collected as the
    consumer collects it."""
    connection = kombu.Connection(server.url)
    queue = kombu.Queue("broker-test", routing_key="broker-test")
    with connection.Producer() as producer:
        producer.publish({"n": 1}, routing_key="broker-test", declare=[queue])
    channel = connection.default_channel
    message = queue(channel).get(no_ack=False)
    assert message is not None and not message.acknowledged
    server.stop()
    connection.collect(socket_timeout=1)
    return connection


def test_redis_urls_use_the_guarded_transport(redis_server):
    assert kombu.Connection(redis_server.url).transport_cls == "redis"
    assert isinstance(kombu.Connection(redis_server.url).transport, broker.Transport)


def test_closing_a_collected_connection_is_a_connection_error_the_consumer_ignores(redis_server):
    connection = _lose_redis_with_a_task_unacknowledged(redis_server)
    # What the consumer does next: close, ignoring connection errors. Nothing else may escape.
    kombu.common.ignore_errors(connection, connection.close)
    assert connection.connected is False


def test_a_channel_of_a_closed_connection_answers_with_a_connection_error(redis_server):
    channel = kombu.Connection(redis_server.url).channel()
    channel.connection.client = None
    with pytest.raises(RedisConnectionError, match="broker connection was closed"):
        channel._connparams()
