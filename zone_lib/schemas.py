"""Schemas of the public tables, declared once (``data/schemas.json``) and checked at the boundary.

Every public table function is wrapped with :func:`checked`: before a DataFrame
leaves the package its columns, types, missing values, allowed values, bounds and
row keys are checked, and a broken table raises :class:`SchemaError` naming the
table, the column and the first offending rows instead of reaching a briefing.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar

import pandas as pd

from zone_lib.errors import DataFileError, SchemaError

F = TypeVar("F", bound=Callable[..., pd.DataFrame])


@functools.lru_cache(maxsize=1)
def schemas() -> dict[str, Any]:
    """The declared schemas, by table name."""
    text = resources.files("zone_lib").joinpath("data/schemas.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if k != "about"}


def _type_ok(value: Any, kind: str) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            or (hasattr(value, "dtype") and pd.api.types.is_integer_dtype(value.dtype))
        )
    if kind == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool) or type(value).__name__ == "bool_"
    if kind == "list":
        return isinstance(value, list | tuple)
    raise DataFileError(f"schemas.json: unknown column type {kind!r}")


def _dtype_ok(series: pd.Series, kind: str) -> bool:
    """True when the column's dtype alone proves every value has the right type."""
    dtype = series.dtype
    if kind == "str":
        return pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype)
    if kind == "int":
        return pd.api.types.is_integer_dtype(dtype)
    if kind == "float":
        return pd.api.types.is_float_dtype(dtype) or pd.api.types.is_integer_dtype(dtype)
    if kind == "bool":
        return pd.api.types.is_bool_dtype(dtype)
    return False


def validate(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check a table against its schema and return it unchanged.

    Raises:
        SchemaError: Listing every column that breaks the schema, with up to three
            offending row numbers each.
    """
    schema = schemas()[name]
    cols = schema["columns"]
    problems: list[str] = []
    if list(df.columns) != list(cols):
        problems.append(f"columns are {list(df.columns)}, expected {list(cols)}")
    for col, rule in cols.items():
        if col not in df.columns:
            continue
        series = df[col]
        kind = rule["type"]
        missing = series.isna() if kind != "list" else series.map(lambda v: v is None)
        if not rule.get("nullable", False) and missing.any():
            problems.append(f"{col}: missing values in rows {list(df.index[missing][:3])}")
            continue
        present = series[~missing] if missing.any() else series
        if _dtype_ok(series, kind):
            wrong = present.iloc[:0]
        else:
            wrong = present[
                ~present.map(lambda v, kind=kind: _type_ok(v.item() if hasattr(v, "item") else v, kind))
            ]
        if len(wrong):
            problems.append(
                f"{col}: values of the wrong type (expected {kind}) in rows {list(wrong.index[:3])}"
            )
            continue
        if "values" in rule:
            outside = sorted(set(present.unique()) - set(rule["values"]))
            if outside:
                problems.append(f"{col}: {outside[:3]} not among {rule['values']}")
        if rule.get("nonempty"):
            empty = present == ""
            if empty.any():
                problems.append(f"{col}: empty text in rows {list(present.index[empty][:3])}")
        for bound, test in (("min", lambda s, b: s < b), ("max", lambda s, b: s > b)):
            if bound in rule and len(present):
                out = present[test(present.astype(float), rule[bound])]
                if len(out):
                    problems.append(
                        f"{col}: {bound} is {rule[bound]}, rows {list(out.index[:3])} are beyond it"
                    )
    key = schema.get("unique")
    if key and not problems and df.duplicated(key).any():
        dup = df[df.duplicated(key, keep=False)].head(3)
        problems.append(f"rows are not unique on {key}: e.g. {dup[key].values.tolist()}")
    if problems:
        raise SchemaError(
            f"table {name!r} breaks its schema (zone_lib/data/schemas.json): " + "; ".join(problems)
        )
    return df


def checked(name: str) -> Callable[[F], F]:
    """Decorate a public table function so that its result is validated against schema ``name``."""

    def wrap(func: F) -> F:
        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> pd.DataFrame:
            return validate(func(*args, **kwargs), name)

        return inner  # type: ignore[return-value]

    return wrap
