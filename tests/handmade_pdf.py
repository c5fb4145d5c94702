"""PDFs built by hand for the importer's tests, as a town's office suite writes one: Helvetica text objects
placed by Tm, one content stream a page. ``pdf_bytes`` turns objects into a file (header, objects, xref,
trailer); ``words_pdf`` places lines of words on pages."""

from __future__ import annotations

from pathlib import Path

#: a word on a line: (text, x, "l" or "r"), x the word's left or right edge (points)
Word = tuple[str, float, str]
A4_PORTRAIT, A4_LANDSCAPE = (595, 842), (842, 595)


def pdf_bytes(objects: list[bytes]) -> bytes:
    """The PDF holding ``objects`` (object 1 the catalog), with the cross-reference table a reader needs."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(lines: list[list[Word]], size: int, top: float, step: float) -> bytes:
    """A page's content: each line ``step`` below the one above, the first at ``top``."""
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS["Helvetica"][1]
    ops, y = [], top
    for words in lines:
        for text, x, align in words:
            width = sum(widths.get(ch, 556) for ch in text) * size / 1000
            left = x - width if align == "r" else x
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 {size} Tf 1 0 0 1 {left:.2f} {y:.2f} Tm ({escaped}) Tj ET")
        y -= step
    return b"".join(LIGATURES.get(ch) or ch.encode("cp1252") for ch in "\n".join(ops))


#: ligature glyphs (`ﬁ`, `ﬂ`), set as a typesetting program sets them: codes the font's /Differences name
LIGATURES = {"\ufb01": b"\x81", "\ufb02": b"\x8d"}


def words_pdf(path: Path, pages: list[list[list[Word]] | None], *, size: int, media: tuple[int, int], top: float,
              step: float, cm: str = "") -> None:
    """Write a PDF of ``pages`` of lines of words in Helvetica ``size`` pt on pages of ``media`` (points), each
    page's content set by the matrix ``cm`` where given; a page None is a scan: an image, no text."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), count),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding"
               b" /BaseEncoding /WinAnsiEncoding /Differences [129 /fi 141 /fl] >> >>"]
    for i, lines in enumerate(pages):
        stream = _stream(lines, size, top, step) if lines is not None else b"q 500 0 0 700 40 60 cm /Im1 Do Q"
        stream = b"q %s cm\n%s\nQ" % (cm.encode(), stream) if cm else stream
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R /Resources"
                       b" << /Font << /F1 3 0 R >> /XObject << /Im1 %d 0 R >> >> >>" % (*media, 5 + 2 * i, 4 + 2 * count))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray"
                   b" /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream")
    path.write_bytes(pdf_bytes(objects))


def landscape_pdf(path: Path, lines: list[list[Word]], scans: int = 0) -> None:
    """A one-page PDF (A4 landscape, Helvetica 8 pt) of lines of words, and ``scans`` pages of a scan after it."""
    words_pdf(path, [lines, *[None] * scans], size=8, media=A4_LANDSCAPE, top=560.0, step=12.0)


#: a landscape page's content turned on the page (degrees counter-clockwise): the matrix and the page's media box
TURNS = {90: ("0 1 -1 0 595 0", A4_PORTRAIT), 180: ("-1 0 0 -1 842 595", A4_LANDSCAPE),
         270: ("0 -1 1 0 0 842", A4_PORTRAIT)}


def turned_pdf(path: Path, lines: list[list[Word]], turn: int) -> None:
    """``landscape_pdf``'s page with its content turned ``turn`` degrees and no /Rotate entry to turn it back: a
    sheet printed sideways onto a portrait page."""
    cm, media = TURNS[turn]
    words_pdf(path, [lines], size=8, media=media, top=560.0, step=12.0, cm=cm)
