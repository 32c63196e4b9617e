"""schemathesis hooks for the Shuniu API's OpenAPI document (loaded by SchemathesisTests.swift).

The document marks identifiers with the formats `gb11643` (citizen ID number) and `gb32100`
(unified social credit code): a regular expression gives their shape, but not their check
characters, which the API verifies (400 `bad-check-character`). These strategies generate
numbers that are valid in full, so that schemathesis' positive cases are valid requests.
"""

import datetime

import schemathesis
from hypothesis import strategies as st

CITIZEN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORGANISATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
REGIONS = ["440113", "440106", "440103", "110101", "370202", "341502"]


def citizen_id(region: str, days: int, sequence: int) -> str:
    """GB 11643: region, birth date, sequence, check character (weights mod 11)."""
    birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=days)
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, CITIZEN_WEIGHTS)) % 11]


def credit_code(authority: str, kind: str, region: str, base: str) -> str:
    """GB 32100 over a GB 11714 organisation code (8 characters and their check character)."""
    value = lambda c: int(c) if c.isdigit() else ord(c) - 55  # noqa: E731  (GB 11714: A=10 ... Z=35)
    organisation = 11 - sum(value(c) * w for c, w in zip(base, ORGANISATION_WEIGHTS)) % 11
    body = authority + kind + region + base + {10: "X", 11: "0"}.get(organisation, str(organisation))
    check = (31 - sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS)) % 31) % 31
    return body + CREDIT_ALPHABET[check]


citizen_ids = st.builds(citizen_id, st.sampled_from(REGIONS), st.integers(0, 25_000), st.integers(0, 999))
credit_codes = st.builds(
    credit_code,
    st.sampled_from("159"),
    st.sampled_from("1239"),
    st.sampled_from(REGIONS),
    st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8),
)

schemathesis.openapi.format("gb11643", citizen_ids)
schemathesis.openapi.format("gb32100", credit_codes)
schemathesis.openapi.format("gb11643-or-gb32100", st.one_of(citizen_ids, credit_codes))

# An entity look-up takes a credit code (18 characters, both check characters valid) or an
# older organisation code / tax id (8-20 digits, uppercase letters or '-', not 18 long).
older_codes = st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-", min_size=8, max_size=20).filter(lambda c: len(c) != 18)
schemathesis.openapi.format("gb32100-or-organisation-code", st.one_of(credit_codes, older_codes))
