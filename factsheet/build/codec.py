"""Plain JSON for the pipeline's frozen dataclasses, and back again.

The cache stores mentions and briefings between runs. Pickle would be
shorter but would run code from whoever can write to the cache folder, so
values are written as JSON and rebuilt from the dataclasses' own type hints:
a field added to model.py needs no change here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections import abc
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def encode(value: Any) -> Any:
    """A dataclass (or anything inside one) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def decode(cls: type[T], data: Any) -> T:
    """Rebuild a `cls` from encode()'s output; raises TypeError/ValueError on a mismatch."""
    result: T = _decoder(typing.cast(Any, cls))(data)
    return result


Decoder = Callable[[Any], Any]


@cache
def _decoder(tp: Any) -> Decoder:
    """One function per type, built once, so decoding a large briefing stays fast."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(tp) if f.init]
        names = {name for name, _ in fields}

        def dataclass_decoder(data: Any) -> Any:
            if not isinstance(data, dict) or not set(data) <= names:
                raise TypeError(f"not a {tp.__name__}")
            return tp(**{name: dec(data[name]) for name, dec in fields if name in data})

        return dataclass_decoder
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_decoder(a) for a in args if a is not type(None)]
        optional = type(None) in args

        def union_decoder(data: Any) -> Any:
            if data is None and optional:
                return None
            for option in options:
                try:
                    return option(data)
                except (TypeError, ValueError):
                    continue
            raise TypeError(f"no type of {tp} fits")

        return union_decoder
    if origin is tuple or origin is abc.Sequence:  # a Sequence is read back as a tuple
        if origin is abc.Sequence or (len(args) == 2 and args[1] is Ellipsis):
            item = _decoder(args[0])
            return lambda data: tuple(item(v) for v in _list(data))
        items = [_decoder(a) for a in args]

        def fixed_tuple(data: Any) -> Any:
            values = _list(data)
            if len(values) != len(items):
                raise TypeError("wrong tuple length")
            return tuple(dec(v) for dec, v in zip(items, values, strict=True))

        return fixed_tuple
    if origin is list:
        item = _decoder(args[0]) if args else _same
        return lambda data: [item(v) for v in _list(data)]
    if origin is dict:
        value_dec = _decoder(args[1]) if args else _same
        return lambda data: {str(k): value_dec(v) for k, v in _dict(data).items()}
    if origin is typing.Literal:
        allowed = set(args)

        def literal(data: Any) -> Any:
            if data not in allowed:
                raise ValueError(f"{data!r} is not one of {sorted(map(str, allowed))}")
            return data

        return literal
    if tp is date:
        return lambda data: date.fromisoformat(_typed(data, str))
    if tp in (str, int, float, bool):
        return lambda data: _typed(data, tp)
    if tp is Any:
        return _same
    raise TypeError(f"the cache cannot store values of type {tp}")


def _same(data: Any) -> Any:
    return data


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError("expected a list")
    return data


def _dict(data: Any) -> dict[Any, Any]:
    if not isinstance(data, dict):
        raise TypeError("expected an object")
    return data


def _typed(data: Any, tp: type) -> Any:
    if tp is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    if not isinstance(data, tp) or (tp is int and isinstance(data, bool)):
        raise TypeError(f"expected {tp.__name__}")
    return data
