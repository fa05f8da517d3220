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
