from tests.core.corelab.helpers import *  # noqa

def test_smoke(implicit_server, tmp_path, monkeypatch):
    up = upload_exams(implicit_server, tmp_path / "exports", monkeypatch)
    for p in sorted(up.folder.rglob("*")):
        print(p.relative_to(up.folder), p.stat().st_size if p.is_file() else "")
    print((up.folder / "1001_1" / "upload.json").read_text())
    code, out, err = cli("arrivals", up.target, "--json")
    print(code, out, err)
    code, out, err = cli("arrivals", up.target)
    print(code, out, err)
    code, out, err = cli("download", up.target, "--out", str(tmp_path / "a.zip"))
    print(code, out, err)
    for n in zip_members(tmp_path / "a.zip"):
        print(n)
    print(zip_members(tmp_path / "a.zip")["manifest.csv"].decode())
    assert 0
