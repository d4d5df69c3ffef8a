#!/usr/bin/env python3
"""Writes the seed corpora of FuzzTesting/Corpus/ (run from anywhere; needs Python 3 and, for the
token seeds, the `cryptography` package). The seeds are committed: rerun only to change them.
The backup seeds start from a real backup made by the binary: pass it as `--backup FILE` (see
README.md); without it the backup seeds are left as they are."""
import base64, json, os, struct, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "Corpus")


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def terminal_text():
    seeds = {
        "plain": "Zoë 山田 café 🙂 plain text",
        "csi-clear": "\x1b[2J\x1b[H",
        "osc52-clipboard": "\x1b]52;c;SGVsbG8=\x07",
        "osc0-title": "\x1b]0;pwned\x07 after",
        "c0-all": "".join(chr(c) for c in range(0x20)),
        "c1-all": "".join(chr(c) for c in range(0x80, 0xA0)),
        "bidi": "invoice\u202egnp.exe\u202c and \u2066iso\u2069 \u2067x\u2068y",
        "del-cr": "a\x7fb\rc\r\nd\te",
        "control-pictures": "\u241b[2J looks like an escape",
    }
    for name, text in seeds.items():
        write("FuzzTerminalText", name, text)
    write("FuzzTerminalText", "invalid-utf8", b"\xff\xfe\xc0\x80\xed\xa0\x80\x1b[31m\xc2\x9b")


def csv_reader():
    seeds = {
        "simple.csv": "name,city\nAda,Lisbon\nBen,Porto\n",
        "quoted.csv": 'a,b,c\n"x, y","he said ""hi""","multi\nline"\n',
        "crlf-bom.csv": "\ufeffid,value\r\n1,2.5\r\n2,-3\r\n",
        "bad-quote.csv": 'a,b\n"open,1\nx"y,2\n',
        "blank-lines.csv": "a\n\n\n1\n\r\n2",
        "trailing-comma.csv": "a,b,\n1,2,\n",
        "dates.csv": "d,n\n2024-02-29,007\n2023-02-29,1e5\n",
        "escapes.csv": "na\x1b[2Jme,\u202ecity\nx,y\n",
    }
    for name, text in seeds.items():
        write("FuzzCSVReader", name, text)
    write("FuzzCSVReader", "nul.csv", b"a,b\n1,\x002\n")
    write("FuzzCSVReader", "invalid-utf8.csv", b"a,b\n\xff,\xfe\n")


def sandbox():
    seeds = [
        "select * from customers limit 3",
        "select c.name, count(o.id) from customers c join orders o on o.customer_id = c.id group by c.id order by 2 desc limit 5",
        "with recursive n(i) as (select 1 union all select i + 1 from n) select i from n",
        "select printf('%.*c', 2000000000, 'x')",
        "select printf('%5.2f|%-3d|%.*c|%s', 3.14159, 7, 3, 'y', 'z'), format('%!.*c', -5, 'é')",
        "select instr(printf('%8000000c', 'x'), printf('%8000000c', 'x'))",
        "select printf('%.*c', 8000001, 'é')",
        "select replace('a-b', '-', '+'), trim('xxhixx', 'x'), ltrim('..a', '.'), rtrim('a..', '.')",
        "select value from json_each('[1,2,3]')",
        "select * from pragma_table_info('customers')",
        "PRAGMA table_info(orders)",
        "PRAGMA journal_mode = delete",
        "select * from dbstat",
        "ATTACH DATABASE '/etc/passwd' AS x",
        "select load_extension('/tmp/evil.so')",
        "create table t(x)",
        "insert into customers default values",
        "REINDEX",
        "ANALYZE",
        "VACUUM INTO '/tmp/x.db'",
        "select 1; select 2",
        "select zeroblob(2000000000)",
        "select 'a' like '%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%b'",
        "select row_number() over (order by id) from products",
        "select char(27)||'[2J' as v",
        "select 1e999",
        "explain select 1",
        "savepoint a",
        "select * from sqlite_schema",
    ]
    for index, sql in enumerate(seeds):
        write("FuzzSandbox", "sql-%02d" % index, sql)


def offline_planner():
    retail = [
        "how many customers are there", "how many orders are refunded", "number of customers in Brazil",
        "top 3 products by price", "average price by category", "total quantity per product category",
        "how many orders in 2023", "max total per status", "top 5 customers by total spent",
        "revenue per month in 2024", "which city has the most customers", "list products cheaper than 10",
    ]
    clinic = [
        "how many patients are there", "how many appointments are no_show", "number of doctors per department",
        "total invoice amount", "average invoice amount by status", "which doctors work in cardiology",
    ]
    for index, question in enumerate(retail):
        write("FuzzOfflinePlanner", "retail-%02d" % index, b"\x00" + question.encode())
    for index, question in enumerate(clinic):
        write("FuzzOfflinePlanner", "clinic-%02d" % index, b"\x01" + question.encode())
    write("FuzzOfflinePlanner", "escapes", b"\x00how many customers \x1b[2J\xe2\x80\xae are there")


def key_decoder():
    def chars(text):
        return b"".join(struct.pack("<BI", 0, ord(c)) for c in text)

    def code(value, function=False):
        return struct.pack("<BI", 1 if function else 0, value)

    enter, tab, escape, backspace = code(10), code(9), code(27), code(127)
    # ncurses function key codes: KEY_DOWN 258, KEY_UP 259, KEY_LEFT 260, KEY_RIGHT 261, KEY_HOME 262,
    # KEY_BACKSPACE 263, KEY_F(1) 265, KEY_DC 330, KEY_NPAGE 338, KEY_PPAGE 339, KEY_ENTER 343, KEY_BTAB 353, KEY_END 360.
    down, up, left, right = code(258, True), code(259, True), code(260, True), code(261, True)
    seeds = {
        "login": chars("ada@acme.test") + tab + chars("correct-horse-battery") + enter,
        "navigate": chars("1") + down + down + enter + tab + down + chars("2") + chars("top 5 customers") + enter,
        "palette": chars(":") + chars("theme") + down + enter + escape,
        "help-and-back": chars("?") + escape + chars("/ord") + backspace + escape,
        "function-keys": b"".join(code(v, True) for v in [265, 266, 276, 330, 338, 339, 343, 353, 360, 262, 263]),
        "controls": b"".join(code(v) for v in [0, 1, 3, 8, 21, 23, 26, 28, 31, 127, 0x9B, 0x202E, 0x10FFFF, 0xD800, 0xFFFFFFFF]),
        "arrows": (up + down + left + right) * 8,
    }
    for name, data in seeds.items():
        write("FuzzKeyDecoder", name, data)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def tokens():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    import hmac, hashlib
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    now = 1_800_000_000
    claims = {"sub": "usr-ada", "org_id": "org-acme", "role": "admin", "sid": "ses-one", "iat": now - 60, "exp": now + 3600}

    def sign(header, payload):
        signing_input = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + b64url(json.dumps(payload, separators=(",", ":")).encode())
        return signing_input + "." + b64url(key.sign(signing_input.encode()))

    eddsa = {"alg": "EdDSA", "typ": "JWT"}
    write("FuzzTokenVerification", "valid", sign(eddsa, claims))
    write("FuzzTokenVerification", "expired", sign(eddsa, dict(claims, exp=now - 1)))
    write("FuzzTokenVerification", "future-iat", sign(eddsa, dict(claims, iat=now + 3600, exp=now + 7200)))
    write("FuzzTokenVerification", "not-before", sign(eddsa, dict(claims, nbf=now + 10)))
    write("FuzzTokenVerification", "bad-id", sign(eddsa, dict(claims, org_id="../../etc")))
    write("FuzzTokenVerification", "bad-role", sign(eddsa, dict(claims, role="owner")))
    none = b64url(b'{"alg":"none","typ":"JWT"}') + "." + b64url(json.dumps(claims).encode()) + "."
    write("FuzzTokenVerification", "alg-none", none)
    signing_input = b64url(b'{"alg":"HS256","typ":"JWT"}') + "." + b64url(json.dumps(claims).encode())
    public = key.public_key().public_bytes_raw()
    write("FuzzTokenVerification", "hs256-key-confusion",
          signing_input + "." + b64url(hmac.new(public, signing_input.encode(), hashlib.sha256).digest()))
    write("FuzzTokenVerification", "garbage", "not.a.token")
    write("FuzzTokenVerification", "empty-parts", "..")


def backups(path):
    data = open(path, "rb").read()
    newline = data.index(b"\n")
    header, payload = data[:newline], data[newline + 1:]
    write("FuzzBackupReading", "tiny-org.bak", data)
    write("FuzzBackupReading", "header-only", header + b"\n")
    write("FuzzBackupReading", "truncated-payload", header + b"\n" + payload[:4096])
    write("FuzzBackupReading", "older-format", header.replace(b"bulkhead-backup-2", b"bulkhead-backup-1") + b"\n" + payload[:8192])
    write("FuzzBackupReading", "not-json", b'{"format": bulkhead\n' + payload[:100])
    write("FuzzBackupReading", "bad-org", header.replace(b'"org_id":"org-', b'"org_id":"ORG/../') + b"\n" + payload[:1024])
    write("FuzzBackupReading", "no-newline", header)


if __name__ == "__main__":
    terminal_text()
    csv_reader()
    sandbox()
    offline_planner()
    key_decoder()
    tokens()
    if "--backup" in sys.argv:
        backups(sys.argv[sys.argv.index("--backup") + 1])
    print("seeds written under", CORPUS)
