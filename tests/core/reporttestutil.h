// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Shared by tst_report, tst_pdfreport and tst_gate: strict parsing of the HTML report and the
// JUnit XML, the check that a document refers to nothing outside itself, and the PDF's
// structure and text (through poppler's pdftotext when it is installed).

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <map>

namespace reporttest {

/// Parses text as XML (the report is written to be well-formed); returns the first error, or
/// an empty string.
inline QString xmlError(const QString &text)
{
    QXmlStreamReader xml(text);
    while (!xml.atEnd())
        xml.readNext();
    if (xml.hasError())
        return QStringLiteral("line %1, column %2: %3")
            .arg(xml.lineNumber())
            .arg(xml.columnNumber())
            .arg(xml.errorString());
    return {};
}

/// Every way the document could reach outside itself: elements that load things, attributes
/// that point anywhere but an anchor in the page, URLs in text or CSS. Empty when there is none.
inline QStringList externalReferences(const QString &text)
{
    QStringList found;
    QXmlStreamReader xml(text);
    static const QStringList loaders = {"link", "script", "img", "iframe", "object", "embed",
                                        "image", "use", "audio", "video", "source", "base"};
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QString name = xml.name().toString().toLower();
        if (loaders.contains(name))
            found << QStringLiteral("<%1>").arg(name);
        for (const QXmlStreamAttribute &a : xml.attributes()) {
            const QString key = a.qualifiedName().toString().toLower();
            const QString value = a.value().toString();
            if ((key == "href" || key == "src" || key == "xlink:href" || key == "action"
                 || key == "srcset")
                && !value.startsWith('#'))
                found << QStringLiteral("%1=\"%2\"").arg(key, value);
        }
    }
    for (const char *needle : {"http://", "https://", "url(", "@import", "//cdn", "file://"})
        if (text.contains(QLatin1String(needle), Qt::CaseInsensitive))
            found << QString::fromLatin1(needle);
    return found;
}

/// When python3 is installed (CI has it), parses the file a second way: strictly as XML
/// (xml.etree) and as HTML with every non-void element closed in order (html.parser).
/// Returns python's complaint, an empty string when it is happy, or "skipped" without python3.
inline QString pythonCheck(const QString &path)
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return QStringLiteral("skipped");
    const char *script = R"PY(
import sys, xml.etree.ElementTree as ET
from html.parser import HTMLParser
text = open(sys.argv[1], encoding='utf-8').read()
ET.fromstring(text[text.index('<html'):])
VOID = {'area','base','br','col','embed','hr','img','input','link','meta','source','track','wbr'}
class Strict(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True); self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID: self.stack.append((tag, self.getpos()))
    def handle_startendtag(self, tag, attrs): pass
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            raise SystemExit('unbalanced </%s> at %s, open: %s'
                             % (tag, self.getpos(), self.stack[-1:]))
        self.stack.pop()
p = Strict(); p.feed(text); p.close()
if p.stack: raise SystemExit('unclosed: %s' % p.stack[-3:])
)PY";
    QProcess p;
    p.start(python, {QStringLiteral("-c"), QString::fromUtf8(script), path});
    if (!p.waitForFinished(60000))
        return QStringLiteral("python3 did not finish");
    if (p.exitCode() != 0)
        return QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput());
    return {};
}

/// A JUnit document's shape: the testsuite's counts against its test cases and failures.
struct JUnit {
    QString error;
    int tests = 0, failures = 0, errors = 0;       ///< from the testsuite's attributes
    int cases = 0, failureElements = 0;            ///< counted
    QStringList failureTypes;
    QStringList failureMessages;
    QStringList caseNames;
    QString decision;
};

inline JUnit parseJUnit(const QString &text)
{
    JUnit j;
    QXmlStreamReader xml(text);
    bool sawSuites = false, sawSuite = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QString name = xml.name().toString();
        const auto attrs = xml.attributes();
        if (name == "testsuites") {
            sawSuites = true;
        } else if (name == "testsuite") {
            sawSuite = true;
            j.tests = attrs.value("tests").toInt();
            j.failures = attrs.value("failures").toInt();
            j.errors = attrs.value("errors").toInt();
            if (!attrs.hasAttribute("tests") || !attrs.hasAttribute("failures")
                || !attrs.hasAttribute("errors") || !attrs.hasAttribute("name"))
                j.error = "testsuite lacks name/tests/failures/errors";
        } else if (name == "testcase") {
            ++j.cases;
            j.caseNames << attrs.value("name").toString();
            if (!attrs.hasAttribute("classname") || !attrs.hasAttribute("name"))
                j.error = "testcase lacks classname/name";
        } else if (name == "failure") {
            ++j.failureElements;
            j.failureTypes << attrs.value("type").toString();
            j.failureMessages << attrs.value("message").toString();
        } else if (name == "property" && attrs.value("name") == QLatin1String("decision")) {
            j.decision = attrs.value("value").toString();
        }
    }
    if (xml.hasError())
        j.error = xml.errorString();
    else if (!sawSuites || !sawSuite)
        j.error = "no testsuites/testsuite element";
    return j;
}

/// A PDF's structure, checked as a reader would walk it: the header, the trailer's startxref
/// pointing at the cross-reference table, every in-use entry's offset at "N 0 obj", the page
/// tree's /Count equal to the page objects, the end marker. Empty when all holds.
struct PdfStructure {
    QString error;
    int objects = 0;
    int pages = 0;      ///< page objects (/Type /Page)
    int count = -1;     ///< the page tree's /Count
};

inline PdfStructure pdfStructure(const QByteArray &pdf)
{
    PdfStructure s;
    const auto fail = [&s](const QString &error) {
        s.error = error;
        return s;
    };
    if (!pdf.startsWith("%PDF-1.4\n"))
        return fail("does not start with %PDF-1.4");
    if (!pdf.endsWith("%%EOF\n") && !pdf.endsWith("%%EOF"))
        return fail("does not end with %%EOF");
    const qsizetype sx = pdf.lastIndexOf("startxref");
    if (sx < 0)
        return fail("no startxref");
    bool ok = false;
    const qsizetype xref = pdf.mid(sx + 9).trimmed().split('\n').value(0).trimmed().toLongLong(&ok);
    if (!ok || xref <= 0 || xref >= pdf.size() || pdf.mid(xref, 4) != "xref")
        return fail("startxref does not point at the xref table");
    QList<QByteArray> lines = pdf.mid(xref).split('\n');
    const QList<QByteArray> head = lines.value(1).split(' ');
    const int first = head.value(0).toInt(), size = head.value(1).toInt();
    if (first != 0 || size < 2)
        return fail("bad xref subsection header");
    static const QRegularExpression entry(QStringLiteral("^(\\d{10}) (\\d{5}) ([nf]) $"));
    for (int i = 0; i < size; ++i) {
        const QByteArray line = lines.value(2 + i);
        const auto m = entry.match(QString::fromLatin1(line));
        if (!m.hasMatch() || line.size() != 19)   // 20 bytes with the newline
            return fail(QStringLiteral("xref entry %1 malformed: '%2'")
                                     .arg(i).arg(QString::fromLatin1(line)));
        if (m.captured(3) == "f")
            continue;
        const qsizetype offset = m.captured(1).toLongLong();
        const QByteArray expected = QByteArray::number(i) + " 0 obj";
        if (pdf.mid(offset, expected.size()) != expected)
            return fail(QStringLiteral("xref entry %1 points at '%2', not '%3'")
                                     .arg(i)
                                     .arg(QString::fromLatin1(pdf.mid(offset, 12)))
                                     .arg(QString::fromLatin1(expected)));
        ++s.objects;
    }
    const QByteArray trailer = pdf.mid(pdf.lastIndexOf("trailer"));
    if (!trailer.contains("/Size " + QByteArray::number(size)) || !trailer.contains("/Root"))
        return fail("trailer lacks /Size or /Root");
    static const QRegularExpression page(QStringLiteral("/Type /Page[^s]"));
    s.pages = int(QString::fromLatin1(pdf).count(page));
    static const QRegularExpression count(
            QStringLiteral("/Type /Pages /Kids \\[[^\\]]*\\] /Count (\\d+)"));
    const auto c = count.match(QString::fromLatin1(pdf));
    s.count = c.hasMatch() ? c.captured(1).toInt() : -1;
    if (s.count != s.pages || s.pages < 1)
        return fail(QStringLiteral("/Count %1 but %2 page objects").arg(s.count).arg(s.pages));
    return s;
}

/// pdftotext's path, or empty when poppler-utils is not installed.
inline QString pdftotextPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
}

/// The text of a PDF file (pages first..last, 0 = all) with every run of white space
/// (wrapped lines included) made one space; a null string when pdftotext is missing or fails.
inline QString pdfText(const QString &path, int first = 0, int last = 0)
{
    const QString tool = pdftotextPath();
    if (tool.isEmpty())
        return {};
    QStringList args{QStringLiteral("-enc"), QStringLiteral("UTF-8")};
    if (first > 0)
        args << QStringLiteral("-f") << QString::number(first) << QStringLiteral("-l")
             << QString::number(last > 0 ? last : first);
    args << path << QStringLiteral("-");
    QProcess p;
    p.start(tool, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    QString text = QString::fromUtf8(p.readAllStandardOutput());
    text.replace(QChar(0x00A0), QLatin1Char(' '));
    return text.simplified();
}

/// A word pdftotext found, with its box in points (y from the top).
struct PdfWord {
    int page = 0;
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;
    QString text;
};

/// Every word of a PDF file with its bounding box (pdftotext -bbox); empty without pdftotext.
inline QList<PdfWord> pdfWords(const QString &path)
{
    QList<PdfWord> words;
    const QString tool = pdftotextPath();
    if (tool.isEmpty())
        return words;
    QProcess p;
    p.start(tool, {QStringLiteral("-bbox"), QStringLiteral("-enc"), QStringLiteral("UTF-8"),
                   path, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return words;
    QXmlStreamReader xml(p.readAllStandardOutput());
    int page = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("page")) {
            ++page;
        } else if (xml.name() == QLatin1String("word")) {
            const auto a = xml.attributes();
            PdfWord w{page, a.value("xMin").toDouble(), a.value("yMin").toDouble(),
                      a.value("xMax").toDouble(), a.value("yMax").toDouble(), {}};
            w.text = xml.readElementText();
            words << w;
        }
    }
    return words;
}

inline QString readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace reporttest
