"""The app icon files the builds use: generated from the SVG, in the containers each OS reads."""

from __future__ import annotations

import struct

from echouploader.core.resources import resource_path


def test_ico_holds_the_sizes_windows_uses() -> None:
    data = resource_path("icons/echouploader.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = {struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes
    first_offset = struct.unpack_from("<I", data, 6 + 12)[0]
    assert data[first_offset : first_offset + 8] == b"\x89PNG\r\n\x1a\n"


def test_icns_is_an_apple_icon_with_retina_sizes() -> None:
    data = resource_path("icons/echouploader.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    for kind in (b"ic07", b"ic08", b"ic09", b"ic10"):  # 128, 256, 512, 1024 px
        assert kind in data


def test_png_is_256_pixels_square() -> None:
    data = resource_path("icons/echouploader.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack_from(">II", data, 16) == (256, 256)
