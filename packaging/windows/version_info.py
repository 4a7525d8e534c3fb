"""The Windows version resource of EchoUploader.exe, as the text file PyInstaller's ``version=``
reads (the format ``pyi-grab_version`` writes). Kept free of PyInstaller imports so it can be
checked on any system."""

from __future__ import annotations

APP = "EchoUploader"


def version_info_text(version: str) -> str:
    parts = [int(p) for p in version.split(".")[:3]]
    nums = tuple(parts + [0] * (4 - len(parts)))
    strings = {
        "CompanyName": "EchoUploader",
        "FileDescription": "EchoUploader: send echo exams to the core lab",
        "FileVersion": version,
        "InternalName": APP,
        "OriginalFilename": f"{APP}.exe",
        "ProductName": APP,
        "ProductVersion": version,
        "LegalCopyright": "MIT License",
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
          {table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
