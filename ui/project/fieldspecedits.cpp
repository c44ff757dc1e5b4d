// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "fieldspecedits.h"

#include <core/generate/templatetext.h>

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace cp::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cp::ui::GeneratorFieldEditor", text);
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString boundText(const cp::Bound &b)
{
    if (b.value)
        return numberText(*b.value);
    if (b.field.empty())
        return {};
    if (b.offset == 0)
        return qs(b.field);
    return b.offset < 0 ? QStringLiteral("%1 \u2212 %2").arg(qs(b.field), numberText(-b.offset))
                        : QStringLiteral("%1 + %2").arg(qs(b.field), numberText(b.offset));
}

QString rangeText(const cp::FieldSpec &f)
{
    const QString lo = boundText(f.min), hi = boundText(f.max);
    if (lo.isEmpty() && hi.isEmpty())
        return {};
    return QStringLiteral("%1 \u2026 %2").arg(lo.isEmpty() ? QStringLiteral("\u2212\u221e") : lo,
                                              hi.isEmpty() ? QStringLiteral("\u221e") : hi);
}

QString isoDate(std::int64_t days)
{
    char buf[10];
    cp::formatIsoDate(days, buf);
    return QString::fromLatin1(buf, 10);
}

QString fieldDetail(const cp::FieldSpec &f)
{
    using K = cp::FieldKind;
    switch (f.kind) {
    case K::Id:
        return f.prefix.empty() ? tr("the family number")
                                : tr("%1 + the family number").arg(qs(f.prefix));
    case K::Choice: {
        QStringList parts;
        for (std::size_t i = 0; i < f.values.size(); ++i)
            parts << (f.weights.empty() ? qs(f.values[i])
                                        : QStringLiteral("%1 %2").arg(qs(f.values[i]),
                                                                      numberText(f.weights[i])));
        return parts.join(QStringLiteral(", "));
    }
    case K::Int:
    case K::Real: return rangeText(f);
    case K::Normal:
    case K::Lognormal: {
        const bool log = f.kind == K::Lognormal;
        QString text = log ? tr("\u03bc %1, \u03c3 %2").arg(numberText(f.mu), numberText(f.sigma))
                           : tr("mean %1, sd %2").arg(numberText(f.mean), numberText(f.sd));
        if (const QString range = rangeText(f); !range.isEmpty())
            text += tr(", clamped to %1").arg(range);
        return text;
    }
    case K::Date: return QStringLiteral("%1 \u2026 %2").arg(isoDate(f.fromDay), isoDate(f.toDay));
    case K::Conditional: {
        QStringList keys;
        for (const auto &k : f.caseKeys)
            keys << qs(k);
        return tr("on %1: %2").arg(qs(f.on), keys.join(QStringLiteral(", ")));
    }
    case K::Provider:
        return f.key.empty() ? tr("list %1").arg(qs(f.provider))
                             : tr("list %1 keyed by %2").arg(qs(f.provider), qs(f.key));
    case K::Template: return qs(f.text).simplified();
    }
    return {};
}

/// Whether a template differs between a family's variants.
bool varies(const cp::GeneratorSpec &spec, const cp::FieldSpec &f)
{
    auto t = cp::TemplateText::parse(f.text);
    if (!t)
        return false;
    for (const auto &p : t->pieces()) {
        if (p.kind == cp::TemplatePiece::Kind::Pronoun || p.kind == cp::TemplatePiece::Kind::Verb)
            return true;
        if (p.kind != cp::TemplatePiece::Kind::Slot)
            continue;
        for (const auto &a : spec.protectedAttributes)
            if (a.name == p.text)
                return true;
        for (const auto &l : spec.linked)
            if (l.name == p.text)
                return true;
    }
    return false;
}

void renameInField(cp::FieldSpec &f, const std::string &from, const std::string &to)
{
    for (cp::Bound *b : {&f.min, &f.max})
        if (b->field == from)
            b->field = to;
    if (f.on == from)
        f.on = to;
    if (f.key == from)
        f.key = to;
    if (f.pronoun == from)
        f.pronoun = to;
    if (f.kind == cp::FieldKind::Template)
        f.text = qs(f.text)
                     .replace(QStringLiteral("{%1}").arg(qs(from)),
                              QStringLiteral("{%1}").arg(qs(to)))
                     .toStdString();
    for (cp::FieldSpec &c : f.cases)
        renameInField(c, from, to);
}

} // namespace

QString convertField(const cp::GeneratorSpec &spec, const FieldTarget &target,
                     cp::FieldSpec &field, cp::FieldKind kind)
{
    using K = cp::FieldKind;
    if (field.kind == kind)
        return {};
    const bool wasNumeric = field.kind == K::Int || field.kind == K::Real
                            || field.kind == K::Normal || field.kind == K::Lognormal;
    cp::FieldSpec next;
    next.name = field.name;
    next.path = field.path;
    next.kind = kind;
    switch (kind) {
    case K::Id: break;
    case K::Choice: next.values = {"a", "b", "c"}; break;
    case K::Int:
    case K::Real:
    case K::Normal:
    case K::Lognormal:
        if (wasNumeric) {
            next.min = field.min;
            next.max = field.max;
            next.decimals = kind == K::Int ? -1 : field.decimals;
        }
        if ((kind == K::Int || kind == K::Real) && !next.min.isSet())
            next.min.value = 0;
        if ((kind == K::Int || kind == K::Real) && !next.max.isSet())
            next.max.value = kind == K::Int ? 10 : 1;
        if (kind == K::Normal) {
            next.mean = field.kind == K::Normal ? field.mean : 0;
            next.sd = field.kind == K::Normal ? field.sd : 1;
        }
        break;
    case K::Date:
        cp::parseIsoDate("2020-01-01", next.fromDay);
        cp::parseIsoDate("2024-12-31", next.toDay);
        break;
    case K::Conditional: {
        const QStringList choices = earlierFields(spec, target, [](const cp::FieldSpec &f) {
            return f.kind == K::Choice;
        });
        if (choices.isEmpty())
            return tr("a conditional switches on an earlier choice field, and there is none");
        next.on = choices.back().toStdString();
        cp::FieldSpec fallback;
        fallback.kind = K::Int;
        fallback.min.value = 0;
        fallback.max.value = 10;
        next.caseKeys = {"default"};
        next.cases = {fallback};
        break;
    }
    case K::Provider:
        next.provider = providerListNames().value(0).toStdString();
        if (next.provider.empty())
            return tr("no provider list could be read from resources/providers");
        break;
    case K::Template: {
        const QStringList before = earlierFields(spec, target, [](const auto &) { return true; });
        next.text = before.isEmpty() ? std::string("text")
                                     : "{" + before.back().toStdString() + "}";
        break;
    }
    }
    field = std::move(next);
    return {};
}

void renameEverywhere(cp::GeneratorSpec &spec, const std::string &from, const std::string &to)
{
    for (auto &p : spec.protectedAttributes)
        if (p.name == from)
            p.name = to;
    for (auto &l : spec.linked) {
        if (l.name == from)
            l.name = to;
        std::replace(l.by.begin(), l.by.end(), from, to);
    }
    for (auto &f : spec.fields) {
        if (f.name == from)
            f.name = to;
        renameInField(f, from, to);
    }
    std::replace(spec.strata.begin(), spec.strata.end(), from, to);
}

QString roleText(const cp::GeneratorSpec &spec, const FieldTarget &t)
{
    using S = FieldTarget::Section;
    switch (t.section) {
    case S::Protected: return tr("protected");
    case S::Linked: {
        QStringList by;
        for (const auto &b : spec.linked[std::size_t(t.index)].by)
            by << qs(b);
        return tr("linked to %1").arg(by.join(QStringLiteral(", ")));
    }
    case S::Field: {
        const cp::FieldSpec &f = spec.fields[std::size_t(t.index)];
        if (std::find(spec.strata.begin(), spec.strata.end(), f.name) != spec.strata.end())
            return tr("stratum");
        if (f.kind == cp::FieldKind::Template && varies(spec, f))
            return tr("varies within a family");
        return tr("base");
    }
    case S::Case: return tr("case of %1").arg(qs(spec.fields[std::size_t(t.index)].name));
    case S::None: break;
    }
    return {};
}

QString detailText(const cp::GeneratorSpec &spec, const FieldTarget &t)
{
    using S = FieldTarget::Section;
    if (t.section == S::Protected) {
        const auto &p = spec.protectedAttributes[std::size_t(t.index)];
        QStringList groups;
        for (const auto &g : p.groups)
            groups << qs(g);
        return tr("%1 (reference %2)").arg(groups.join(QStringLiteral(", ")), qs(p.reference));
    }
    if (t.section == S::Linked) {
        const auto &l = spec.linked[std::size_t(t.index)];
        if (l.kind == cp::LinkedSpec::Kind::Provider)
            return tr("list %1").arg(qs(l.provider));
        QStringList parts;
        for (const auto &[key, entries] : l.lists) {
            QStringList values;
            for (const auto &e : entries)
                values << qs(e.value);
            parts << QStringLiteral("%1: %2").arg(qs(key), values.join(QStringLiteral(" | ")));
        }
        return parts.join(QStringLiteral(", "));
    }
    const cp::FieldSpec *f = fieldAt(spec, t);
    return f ? fieldDetail(*f) : QString();
}

QString kindText(const cp::GeneratorSpec &spec, const FieldTarget &t)
{
    using S = FieldTarget::Section;
    if (t.section == S::Protected)
        return tr("groups");
    if (t.section == S::Linked) {
        switch (spec.linked[std::size_t(t.index)].kind) {
        case cp::LinkedSpec::Kind::Provider: return tr("provider");
        case cp::LinkedSpec::Kind::Pronouns: return tr("pronouns");
        case cp::LinkedSpec::Kind::Values: return tr("values");
        }
    }
    const cp::FieldSpec *f = fieldAt(spec, t);
    return f ? QString::fromLatin1(cp::fieldKindName(f->kind)) : QString();
}

QString nameText(const cp::GeneratorSpec &spec, const FieldTarget &t)
{
    using S = FieldTarget::Section;
    switch (t.section) {
    case S::Protected: return qs(spec.protectedAttributes[std::size_t(t.index)].name);
    case S::Linked: return qs(spec.linked[std::size_t(t.index)].name);
    case S::Field: return qs(spec.fields[std::size_t(t.index)].name);
    case S::Case: return qs(spec.fields[std::size_t(t.index)].caseKeys[std::size_t(t.caseIndex)]);
    case S::None: break;
    }
    return {};
}

} // namespace cp::ui
