"""The privacy profile a site keeps (as a plain dict under ``privacy_profile``).

It says whether the privacy gate runs, which PS3.15 options apply, which private groups are
safe to keep, what goes into the Clinical Trial attributes, and whether the site's ultrasound
machines burn patient details into the image.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from echouploader.core.errors import ConfigError
from echouploader.core.i18n import _

BASIC_PROFILE = "113100"
CLEAN_PIXEL_DATA = "113101"
OPTION_FULL_DATES = "113106"
OPTION_MODIFIED_DATES = "113107"
OPTION_PATIENT_CHARACTERISTICS = "113108"
OPTION_DEVICE_IDENTITY = "113109"
OPTION_SAFE_PRIVATE = "113111"

OPTION_MEANINGS = {
    BASIC_PROFILE: "Basic Application Confidentiality Profile",
    CLEAN_PIXEL_DATA: "Clean Pixel Data Option",
    OPTION_FULL_DATES: "Retain Longitudinal Temporal Information Full Dates Option",
    OPTION_MODIFIED_DATES: "Retain Longitudinal Temporal Information Modified Dates Option",
    OPTION_PATIENT_CHARACTERISTICS: "Retain Patient Characteristics Option",
    OPTION_DEVICE_IDENTITY: "Retain Device Identity Option",
    OPTION_SAFE_PRIVATE: "Retain Safe Private Option",
}

# GE Vivid / EchoPAC raw cine data: EchoPAC needs it for quantitative analysis.
GE_RAW_DATA_CREATOR = "GEMS_Ultrasound_MovieGroup_001"


@dataclass(frozen=True)
class PrivacyProfile:
    # The gate itself. Turning it off must be explicit in the site profile.
    check_enabled: bool = True
    deidentify: bool = True
    # PS3.15 options.
    retain_full_dates: bool = False
    retain_modified_dates: bool = False
    retain_patient_characteristics: bool = False
    retain_device_identity: bool = False
    retain_safe_private: bool = True
    # Private creators kept by the safe-private option (exact Private Creator strings).
    private_allow_list: tuple[str, ...] = (GE_RAW_DATA_CREATOR,)
    # Clinical Trial attributes written after de-identification.
    sponsor_name: str = ""
    protocol_id: str = ""
    site_id: str = ""
    site_name: str = ""
    # Ultrasound frames usually carry a banner with the patient's name; a site whose machines
    # are set up without one says so here.
    us_burned_in_text: bool = True
    # Rows the site adds to the ultrasound banner table (``pixels.table``): where one of its
    # machines burns text, per frame size. Each row is checked where it is used.
    pixel_rects: tuple[dict[str, Any], ...] = ()
    # Burned-in text is blanked in every frame and verified by OCR; a site may switch that off,
    # and its images then leave with PatientIdentityRemoved = NO.
    clean_pixels: bool = True

    def __post_init__(self) -> None:
        if self.retain_full_dates and self.retain_modified_dates:
            raise ConfigError(
                _("The privacy profile asks to keep full dates and modified dates: choose one.")
            )

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> PrivacyProfile:
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise ConfigError(
                _("The privacy profile in the site profile is not a table of settings.")
            )
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ConfigError(
                _("The privacy profile has unknown settings: {names}.").format(
                    names=", ".join(unknown)
                )
            )
        values: dict[str, Any] = {}
        for name, value in data.items():
            default = known[name].default
            if name == "pixel_rects":
                if not isinstance(value, list | tuple):
                    raise ConfigError(
                        _("The privacy setting `pixel_rects` must be a list of rows.")
                    )
                values[name] = tuple(value)
                continue
            if isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ConfigError(
                        _("The privacy setting `{name}` must be true or false.").format(name=name)
                    )
                values[name] = value
            elif isinstance(default, tuple):
                if not isinstance(value, list | tuple) or not all(
                    isinstance(v, str) for v in value
                ):
                    raise ConfigError(
                        _("The privacy setting `{name}` must be a list of names.").format(name=name)
                    )
                values[name] = tuple(value)
            else:
                values[name] = str(value)
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["private_allow_list"] = list(self.private_allow_list)
        data["pixel_rects"] = list(self.pixel_rects)
        return data

    @property
    def gate_off(self) -> bool:
        return not self.check_enabled

    def option_codes(self) -> list[str]:
        """The PS3.15 codes applied, basic profile first (for (0012,0064) and the table)."""
        codes = [BASIC_PROFILE]
        if self.retain_full_dates:
            codes.append(OPTION_FULL_DATES)
        if self.retain_modified_dates:
            codes.append(OPTION_MODIFIED_DATES)
        if self.retain_patient_characteristics:
            codes.append(OPTION_PATIENT_CHARACTERISTICS)
        if self.retain_device_identity:
            codes.append(OPTION_DEVICE_IDENTITY)
        if self.retain_safe_private and self.private_allow_list:
            codes.append(OPTION_SAFE_PRIVATE)
        return codes

    def method_text(self) -> str:
        """De-identification Method (0012,0063): at most 64 characters (LO)."""
        names = {
            OPTION_FULL_DATES: "full dates",
            OPTION_MODIFIED_DATES: "modified dates",
            OPTION_PATIENT_CHARACTERISTICS: "patient characteristics",
            OPTION_DEVICE_IDENTITY: "device identity",
            OPTION_SAFE_PRIVATE: "safe private",
        }
        kept = [names[c] for c in self.option_codes()[1:]]
        text = "PS3.15 E basic" + (" + " + ", ".join(kept) if kept else "")
        return text[:64]

    def describe(self) -> dict[str, Any]:
        """What ``upload.json`` records about how the exam was de-identified."""
        return {
            "gate": "off" if self.gate_off else "on",
            "deidentified": self.deidentify and not self.gate_off,
            "method": self.method_text(),
            "codes": [
                {"code": code, "scheme": "DCM", "meaning": OPTION_MEANINGS[code]}
                for code in self.option_codes()
            ]
            if self.deidentify and not self.gate_off
            else [],
            "private_allow_list": list(self.private_allow_list) if self.retain_safe_private else [],
            "us_burned_in_text_assumed": self.us_burned_in_text,
            "clean_pixels": self.clean_pixels and self.deidentify and not self.gate_off,
        }
