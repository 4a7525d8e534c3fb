"""Reports and comments that travel with an exam: cleaned like the images, or refused.

Owns the attachments of an exam: the written report (a PDF, a scan or a photo) rendered to images
with its identifying text blanked and written again as an image-only PDF or a bare image, an
Encapsulated PDF's document cleaned the same way, and the reviewer comments checked for the
exam's identifying values and for generic identifiers. Verification reads every cleaned page
again by OCR; an identifier still readable blocks the exam.

Part of ``core.privacy``: it may import the shared basics, ``core.support`` and the rest of
``core.privacy``; never ``core.ftps``, ``core.sites`` or ``core.transfer``.
"""
