"""De-identification to DICOM PS3.15 Annex E: the table as data, the profile, keyed UIDs, apply."""
