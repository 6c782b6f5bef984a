"""What a tagged PDF tells a screen reader: its structure tree, languages and alt texts."""

import io
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass
class PdfStructure:
    tagged: bool
    language: str
    declared_languages: list[str]
    alt_texts: list[str]
    structure_types: set[str]


def pdf_structure(content: bytes) -> PdfStructure:
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    alt_texts: list[str] = []
    structure_types: set[str] = set()

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not isinstance(node, dict):
            return
        if "/S" in node:
            structure_types.add(str(node["/S"]))
        if "/Alt" in node:
            alt_texts.append(str(node["/Alt"]))
        if "/K" in node:
            walk(node["/K"])

    tree = catalog.get("/StructTreeRoot")
    if tree is not None:
        walk(tree.get_object()["/K"])
    metadata = reader.xmp_metadata
    return PdfStructure(
        tagged=tree is not None and bool(catalog.get("/MarkInfo", {}).get("/Marked")),
        language=str(catalog.get("/Lang", "")),
        declared_languages=list(metadata.dc_language) if metadata else [],
        alt_texts=alt_texts,
        structure_types=structure_types,
    )
