// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Shared by tst_report and tst_gate: strict parsing of the HTML report and the JUnit XML, and
// the check that a document refers to nothing outside itself.

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QXmlStreamReader>

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

inline QString readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace reporttest
