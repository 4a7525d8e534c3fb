"""EchoUploader: send echocardiography exams to a core lab over FTPS."""

__version__ = "0.1.0"
