# moto's server as the local stack runs it: DynamoDB as DynamoDB behaves, and no orphan process.
# Argument: the port. Read by MotoServer.java, which passes this text to `python3 -c`.
import copy as _copy
import decimal
import inspect
import os
import sys
import threading
import types

# DynamoDB numbers have 38 digits of precision; Python's default of 28 would round an ADD.
decimal.DefaultContext.prec = 38
decimal.setcontext(decimal.Context(prec=38))

import moto.dynamodb.models as _models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table as _Table

# moto 5.2.1 deep-copies every table a transaction touches, to restore it when the transaction
# fails: the cost grows with the table (16 s for 100 transactions on 3,000 items), and the
# restore would erase writes made meanwhile. Instead, save the items the transaction names and
# put back only those.
_real_deepcopy = _copy.deepcopy


def _deepcopy(value, memo=None):
    return value if isinstance(value, _Table) else _real_deepcopy(value, memo)


_models.copy = types.SimpleNamespace(deepcopy=_deepcopy, copy=_copy.copy)
_original_transact = DynamoDBBackend.transact_write_items


def _transact(self, transact_items):
    saved = []
    for entry in transact_items:
        op = next(iter(entry.values()))
        name = op.get("TableName")
        if name not in self.tables:
            continue
        table = self.get_table(name)
        source = op["Item"] if "Item" in op else op.get("Key", {})
        key = {table.hash_key_attr: source.get(table.hash_key_attr)}
        if table.range_key_attr is not None:
            key[table.range_key_attr] = source.get(table.range_key_attr)
        if any(v is None for v in key.values()):
            continue
        current = self.get_item(name, key)
        saved.append((name, key, None if current is None else _real_deepcopy(current.to_json()["Attributes"])))
    try:
        return _original_transact(self, transact_items)
    except Exception:
        for name, key, before in reversed(saved):
            if before is None:
                self.delete_item(name, key)
            else:
                self.put_item(name, before)
        raise


DynamoDBBackend.transact_write_items = _transact

# ---------------------------------------------------------------- streams: one record per change
# moto 5.2.1 writes stream records as it goes: an update that creates its item gives two INSERT
# records (one for the bare key, one for the result), and the writes of a transaction that is
# cancelled later, or rolled back above, stay in the stream. DynamoDB writes one record per item
# a successful request changed, and none for a request that failed. So every write request
# collects its records and publishes them when it ends well: one per item, from the item's image
# before the request to its image after it, nothing if the item did not change.
from moto.dynamodb.models.table import StreamShard as _StreamShard

_stream_state = threading.local()
_original_shard_add = _StreamShard.add


def _stream_collecting_add(self, old, new):
    pending = getattr(_stream_state, "pending", None)
    if pending is None:
        return _original_shard_add(self, old, new)
    rec = old if old is not None else new
    ident = (id(self), str(rec.hash_key.to_json()), str(rec.range_key.to_json()) if rec.range_key is not None else None)
    if ident not in pending:
        before = None if old is None else _real_deepcopy(old)
        pending[ident] = (self, before, rec.hash_key, rec.range_key)


def _stream_publish(pending):
    for shard, before, hash_key, range_key in pending.values():
        after = shard.table.get_item(hash_key, range_key) if shard.table.has_range_key else shard.table.get_item(hash_key)
        if before is None and after is None:
            continue
        if before is not None and after is not None and before.to_json() == after.to_json():
            continue
        _original_shard_add(shard, before, after)


def _stream_request(f):
    def run(*args, **kwargs):
        if getattr(_stream_state, "pending", None) is not None:
            return f(*args, **kwargs)
        _stream_state.pending = {}
        try:
            result = f(*args, **kwargs)
            pending = _stream_state.pending
        except BaseException:
            _stream_state.pending = None
            raise
        _stream_state.pending = None
        _stream_publish(pending)
        return result

    run.__name__ = f.__name__
    return run


def _install_stream_records():
    _StreamShard.add = _stream_collecting_add
    for name in ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item"):
        if name in DynamoDBBackend.__dict__:
            setattr(DynamoDBBackend, name, _stream_request(DynamoDBBackend.__dict__[name]))


_install_stream_records()


# moto keeps every shard iterator it ever handed out (one more per GetRecords call); a poller
# asking every few milliseconds would grow the process by hundreds of megabytes in a test run.
# DynamoDB lets an iterator expire after 15 minutes; here only the newest ones are kept.
_MAX_SHARD_ITERATORS = 5000


def _install_shard_iterator_cap():
    from moto.dynamodbstreams.models import DynamoDBStreamsBackend as _StreamsBackend

    original_get_records = _StreamsBackend.get_records

    def get_records(self, iterator_arn, limit):
        result = original_get_records(self, iterator_arn, limit)
        iterators = self.shard_iterators
        iterators.pop(iterator_arn, None)
        while len(iterators) > _MAX_SHARD_ITERATORS:
            iterators.pop(next(iter(iterators)))
        return result

    _StreamsBackend.get_records = get_records


_install_shard_iterator_cap()


# ---------------------------------------------------------------- per-item write-rate limit
# Off unless BLOGHOME_DYNAMODB_ITEM_WRITE_LIMIT is set (writes per second per item): a token
# bucket per (table, partition key, sort key) with one second of burst, answering
# ProvisionedThroughputExceededException as DynamoDB does when one item (partition) is written
# faster than it can take. A transaction is refused whole if any of its items is over the limit,
# and then takes no token from any of them.
from moto.dynamodb.exceptions import DynamodbException as _DynamodbException


class _ItemThrottled(_DynamodbException):
    error_type = "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"

    def __init__(self):
        super().__init__(
            _ItemThrottled.error_type,
            "The level of configured provisioned throughput for the table was exceeded. "
            "Consider increasing your provisioning level with the UpdateTable API.",
        )


_limit_state = threading.local()
_buckets = {}
_buckets_lock = threading.Lock()


def _item_limit():
    raw = os.environ.get("BLOGHOME_DYNAMODB_ITEM_WRITE_LIMIT", "").strip()
    return float(raw) if raw else 0.0


def _limit_key(backend, table_name, attrs):
    if table_name not in backend.tables:
        return None
    table = backend.tables[table_name]
    hk = attrs.get(table.hash_key_attr)
    rk = attrs.get(table.range_key_attr) if table.range_key_attr else None
    if hk is None:
        return None
    return (table_name, str(hk), str(rk))


def _take_tokens(keys, rate):
    import time as _time

    now = _time.monotonic()
    with _buckets_lock:
        states = []
        for key in keys:
            tokens, at = _buckets.get(key, (rate, now))
            tokens = min(rate, tokens + (now - at) * rate)
            states.append((key, tokens))
        if any(tokens < 1.0 for _, tokens in states):
            for key, tokens in states:
                _buckets[key] = (tokens, now)
            raise _ItemThrottled()
        for key, tokens in states:
            _buckets[key] = (tokens - 1.0, now)


def _limited(f, keys_of):
    def run(self, *args, **kwargs):
        rate = _item_limit()
        if rate <= 0 or getattr(_limit_state, "inside", False):
            return f(self, *args, **kwargs)
        keys = [k for k in keys_of(self, *args, **kwargs) if k is not None]
        _take_tokens(keys, rate)
        _limit_state.inside = True
        try:
            return f(self, *args, **kwargs)
        finally:
            _limit_state.inside = False

    run.__name__ = f.__name__
    return run


def _single_item_keys(self, table_name, key_or_item, *args, **kwargs):
    return [_limit_key(self, table_name, key_or_item)]


def _transaction_keys(self, transact_items, *args, **kwargs):
    keys = []
    for entry in transact_items:
        op_type, op = next(iter(entry.items()))
        if op_type == "ConditionCheck":
            continue
        source = op["Item"] if "Item" in op else op.get("Key", {})
        keys.append(_limit_key(self, op.get("TableName"), source))
    return keys


def _install_item_write_limit():
    for name in ("put_item", "update_item", "delete_item"):
        setattr(DynamoDBBackend, name, _limited(DynamoDBBackend.__dict__[name], _single_item_keys))
    DynamoDBBackend.transact_write_items = _limited(
        DynamoDBBackend.__dict__["transact_write_items"], _transaction_keys)


_install_item_write_limit()

# moto serves requests on several threads without locking its tables: racing conditional writes
# could both win. DynamoDB serialises writes to an item and isolates transactions; one lock
# around every backend operation does the same here.
_lock = threading.RLock()


def _serialised(f):
    def run(*args, **kwargs):
        with _lock:
            return f(*args, **kwargs)

    run.__name__ = f.__name__
    return run


for _name, _value in list(DynamoDBBackend.__dict__.items()):
    if inspect.isfunction(_value) and not _name.startswith("_"):
        setattr(DynamoDBBackend, _name, _serialised(_value))


# Exit as soon as standard input closes, which happens when the JVM that started this process
# ends in any way (even killed), so no emulator outlives the local stack.
def _watch_parent():
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=_watch_parent, daemon=True).start()

from moto.server import main  # noqa: E402

main(["-H", "127.0.0.1", "-p", sys.argv[1]])
