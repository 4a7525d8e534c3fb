"""Uploads: plan (what to send), engine (how), queue store (what is left), manifest (proof)."""
