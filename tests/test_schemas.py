import pandas as pd
import pytest

import zone_lib
from zone_lib.schemas import SchemaError, schemas, validate


def test_every_public_table_matches_its_schema():
    for name, call in [
        ("documents", zone_lib.documents),
        ("matrix", zone_lib.matrix),
        ("table_lines", zone_lib.table_lines),
        ("discrepancies", zone_lib.discrepancies),
        ("tasks", zone_lib.tasks),
        ("milestones", zone_lib.milestones),
        ("responsibilities", lambda: zone_lib.responsibilities(None)),
        ("plan_tree", zone_lib.plan_tree),
        ("plan_goals", zone_lib.plan_goals),
        ("units", zone_lib.units),
        ("targets", zone_lib.targets),
    ]:
        assert list(call().columns) == list(schemas()[name]["columns"]), name


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda m: m.assign(year=m.year.where(m.task_no != 3, 1800)),
            "year: min is 1990",
            id="out-of-range",
        ),
        pytest.param(
            lambda m: m.assign(year_basis="guess"), "year_basis: ['guess'] not among", id="bad-value"
        ),
        pytest.param(
            lambda m: m.assign(text=m.text.where(m.task_no != 5, "")), "text: empty text", id="empty-text"
        ),
        pytest.param(
            lambda m: pd.concat([m, m.head(1)]), "not unique on ['doc_id', 'task_no', 'year']", id="duplicate"
        ),
        pytest.param(lambda m: m.drop(columns=["items"]), "columns are", id="missing-column"),
        pytest.param(
            lambda m: m.assign(task_no=m.task_no.astype(str)),
            "task_no: values of the wrong type",
            id="wrong-type",
        ),
    ],
)
def test_a_broken_table_is_refused(change, message):
    broken = change(zone_lib.matrix())
    with pytest.raises(SchemaError, match=message.replace("[", r"\[").replace("]", r"\]")):
        validate(broken, "matrix")
