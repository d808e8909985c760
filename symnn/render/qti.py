"""IMS QTI 2.1 content packages: one assessment item per variant, a numeric text entry per part.

A package is a zip holding ``imsmanifest.xml`` (an IMS content package manifest listing one
resource of type ``imsqti_item_xmlv2p1`` per item, with the files it uses) and one
``assessmentItem`` file per item. Each part is a ``textEntryInteraction`` bound to a
``responseDeclaration`` of base type float with its correct response; response processing adds
1 to SCORE for every part whose response is ``equal`` to the correct one within the part's
absolute tolerance (``toleranceMode="absolute"``, both bounds included).

>>> part = QtiPart("RESPONSE_1", "0.2097", 0.0001)
>>> item = QtiItem("v1", "Variant 1", '<p>E = <textEntryInteraction responseIdentifier="RESPONSE_1"/></p>',
...                (part,))
>>> import xml.etree.ElementTree as ET
>>> root = ET.fromstring(item_xml(item))
>>> ns = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1"}
>>> root.find("q:responseDeclaration/q:correctResponse/q:value", ns).text
'0.2097'
>>> root.find(".//q:equal", ns).get("tolerance")
'0.0001 0.0001'
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

__all__ = ["QTI_NAMESPACE", "QtiItem", "QtiPart", "item_xml", "manifest_xml", "qti_package"]

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/imsqti_v2p1"
_SCHEMA = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NAMESPACE = "http://www.imsglobal.org/xsd/imscp_v1p1"


@dataclass(frozen=True)
class QtiPart:
    """One numeric part: the response identifier, the correct value as text, the absolute tolerance."""

    identifier: str
    value: str
    tolerance: float


@dataclass(frozen=True)
class QtiItem:
    """An item: ``body`` is XHTML (QTI's content model) holding one ``textEntryInteraction`` per part;
    ``files`` are (name, bytes) pairs the body refers to by name (pictures)."""

    identifier: str
    title: str
    body: str
    parts: tuple[QtiPart, ...]
    files: tuple[tuple[str, bytes], ...] = ()

    @property
    def href(self) -> str:
        return f"{self.identifier}.xml"


def _number(value: float) -> str:
    return format(float(value), ".12g")


def item_xml(item: QtiItem) -> str:
    """The ``assessmentItem`` XML of ``item``."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<assessmentItem xmlns="{QTI_NAMESPACE}" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xsi:schemaLocation="{QTI_NAMESPACE} {_SCHEMA}" '
           f'identifier={quoteattr(item.identifier)} title={quoteattr(item.title)} '
           'adaptive="false" timeDependent="false">\n']
    for part in item.parts:
        out.append(f'  <responseDeclaration identifier="{part.identifier}" cardinality="single" '
                   'baseType="float">\n'
                   f"    <correctResponse>\n      <value>{escape(part.value)}</value>\n"
                   "    </correctResponse>\n  </responseDeclaration>\n")
    out.append('  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">\n'
               "    <defaultValue>\n      <value>0</value>\n    </defaultValue>\n  </outcomeDeclaration>\n"
               '  <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float">\n'
               f"    <defaultValue>\n      <value>{len(item.parts)}</value>\n    </defaultValue>\n"
               "  </outcomeDeclaration>\n")
    out.append(f"  <itemBody>\n{item.body}\n  </itemBody>\n  <responseProcessing>\n")
    for part in item.parts:
        tolerance = _number(part.tolerance)
        out.append("    <responseCondition>\n      <responseIf>\n"
                   f'        <equal toleranceMode="absolute" tolerance="{tolerance} {tolerance}" '
                   'includeLowerBound="true" includeUpperBound="true">\n'
                   f'          <variable identifier="{part.identifier}"/>\n'
                   f'          <correct identifier="{part.identifier}"/>\n'
                   "        </equal>\n"
                   '        <setOutcomeValue identifier="SCORE">\n'
                   '          <sum>\n            <variable identifier="SCORE"/>\n'
                   '            <baseValue baseType="float">1</baseValue>\n          </sum>\n'
                   "        </setOutcomeValue>\n      </responseIf>\n    </responseCondition>\n")
    out.append("  </responseProcessing>\n</assessmentItem>\n")
    return "".join(out)


def manifest_xml(items: Sequence[QtiItem], identifier: str) -> str:
    """The ``imsmanifest.xml`` of a package holding ``items``."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<manifest xmlns="{CP_NAMESPACE}" identifier={quoteattr(identifier)}>\n',
           "  <metadata>\n    <schema>QTIv2.1 Package</schema>\n    <schemaversion>1.0.0</schemaversion>\n"
           "  </metadata>\n  <organizations/>\n  <resources>\n"]
    for item in items:
        out.append(f'    <resource identifier={quoteattr("R-" + item.identifier)} type="imsqti_item_xmlv2p1" '
                   f"href={quoteattr(item.href)}>\n"
                   f"      <metadata>\n        <schema>IMS QTI Item</schema>\n"
                   f"        <schemaversion>2.1</schemaversion>\n      </metadata>\n"
                   f"      <file href={quoteattr(item.href)}/>\n")
        out.extend(f"      <file href={quoteattr(name)}/>\n" for name, _ in item.files)
        out.append("    </resource>\n")
    out.append("  </resources>\n</manifest>\n")
    return "".join(out)


def qti_package(items: Sequence[QtiItem], identifier: str) -> bytes:
    """The zip bytes of a QTI 2.1 content package (fixed timestamps: the same items, the same bytes)."""
    buffer = io.BytesIO()
    stamp = (2020, 1, 1, 0, 0, 0)
    written: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        def add(name: str, data: bytes) -> None:
            if name not in written:
                written.add(name)
                archive.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED)

        add("imsmanifest.xml", manifest_xml(items, identifier).encode("utf-8"))
        for item in items:
            add(item.href, item_xml(item).encode("utf-8"))
            for name, data in item.files:
                add(name, data)
    return buffer.getvalue()
