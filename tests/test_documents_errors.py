"""Bad input gives one clear DocumentError naming the file and the problem, never a traceback."""

import os
from pathlib import Path

import pytest

from planwatch.documents import MAX_BYTES, load_document
from planwatch.documents import source as source_module
from planwatch.errors import DocumentError
from tests.cli_helpers import run_main, run_subprocess


def error_of(path, **kw) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        load_document(path, **kw)
    err = info.value
    assert str(path) in str(err)  # the message names the file
    assert "\n" not in str(err)  # and is one line
    return err


def test_missing_file(tmp_path):
    assert "file not found" in error_of(tmp_path / "nope.txt").problem


def test_directory(tmp_path):
    d = tmp_path / "plans"
    d.mkdir()
    assert "is a directory" in error_of(d).problem


def test_permission_denied(tmp_path, monkeypatch):
    f = tmp_path / "secret.txt"
    f.write_text("规划", encoding="utf-8")
    if os.geteuid() == 0:  # root reads anything: simulate the OS refusing access
        monkeypatch.setattr(source_module.os, "access", lambda *a, **k: False)
    else:
        f.chmod(0)
    assert "permission denied" in error_of(f).problem


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t \xe3\x80\x80\n"])
def test_empty_or_whitespace_only(tmp_path, content):
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    assert "empty file" in error_of(f).problem


@pytest.mark.parametrize("name", ["empty.md", "empty.html", "empty.docx", "empty.pdf"])
def test_empty_file_of_every_format(tmp_path, name):
    f = tmp_path / name
    f.write_bytes(b"")
    assert "empty file (0 bytes)" in error_of(f).problem


@pytest.mark.parametrize(
    "content",
    [b"\x7fELF\x02\x01\x01\x00\x00\x00" * 20, b"%PDF-1.4 ...", b"PK\x03\x04\x14\x00" + b"\x00" * 30],
)
def test_binary_file_named_txt(tmp_path, content):
    f = tmp_path / "binary.txt"
    f.write_bytes(content)
    assert "binary file, not text" in error_of(f).problem


def test_control_characters_are_binary(tmp_path):
    f = tmp_path / "ctrl.txt"
    f.write_bytes(bytes(range(1, 8)) * 20)
    assert "binary file" in error_of(f).problem


def test_html_page_with_nul_bytes(tmp_path):
    f = tmp_path / "x.html"
    f.write_bytes(b"<html>\x00\x00\x00</html>")
    assert "binary file" in error_of(f).problem


def test_html_without_text(tmp_path):
    f = tmp_path / "blank.html"
    f.write_text("<html><head><title>t</title><script>x=1</script></head><body> </body></html>")
    assert "no text" in error_of(f).problem


@pytest.mark.parametrize("name", ["plan.doc", "plan.xlsx", "README"])
def test_unsupported_extension_lists_supported(tmp_path, name):
    f = tmp_path / name
    f.write_text("规划")
    problem = error_of(f).problem
    assert "unsupported file type" in problem
    for ext in (".txt", ".md", ".docx", ".pdf", ".html"):
        assert ext in problem


def test_undecodable_bytes(tmp_path):
    f = tmp_path / "mojibake.txt"
    f.write_bytes(bytes(range(0x80, 0x100)) * 3)
    assert "cannot decode text (tried UTF-8, GB18030)" in error_of(f).problem


def test_too_large_sparse_file_is_refused_before_reading(tmp_path, monkeypatch):
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no real disk use
    opened = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    problem = error_of(f).problem
    assert "file too large" in problem and "200.0 MiB" in problem and "50.0 MiB" in problem
    assert opened == []  # refused from stat alone
    assert MAX_BYTES == 50 * 1024 * 1024


def test_custom_size_limit(tmp_path):
    f = tmp_path / "small.txt"
    f.write_text("规划" * 100, encoding="utf-8")
    assert "the limit is 100 bytes" in error_of(f, max_bytes=100).problem


def test_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever: it must be refused from stat
    assert "not a regular file" in error_of(fifo).problem


def test_cli_text_bad_file_exits_2_with_one_line(tmp_path):
    f = tmp_path / "binary.txt"
    f.write_bytes(b"\x00\x01\x02" * 100)
    proc = run_subprocess("text", str(f))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "binary file" in lines[0] and "binary.txt" in lines[0]


def test_cli_text_prints_text_and_paragraphs(tmp_path, monkeypatch, capsys):
    f = tmp_path / "plan.md"
    f.write_text("# 第一章 总则\n\n**加强领导。**正文\n", encoding="utf-8")
    code, out, _ = run_main(monkeypatch, capsys, "text", str(f))
    assert code == 0 and out == "# 第一章 总则\n\n**加强领导。**正文\n\n"
    code, out, _ = run_main(monkeypatch, capsys, "text", str(f), "--paragraphs")
    assert code == 0
    assert "heading" in out and "第一章" in out and "text" in out


def test_cli_text_missing_file_in_process(tmp_path, monkeypatch, capsys):
    code, out, err = run_main(monkeypatch, capsys, "text", str(tmp_path / "missing.txt"))
    assert code == 2 and "file not found" in err and "Traceback" not in out + err
