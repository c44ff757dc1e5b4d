// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

namespace cp::ui {

/// A typed QSettings entry, declared next to its use (Tiled's Preference<T>):
///     static const Preference<QStringList> recent{"Project/Recent", {}};
/// Only user interface state belongs here; project data lives in the project file.
template<typename T>
class Preference
{
public:
    Preference(const char *key, T defaultValue = T())
        : m_key(QString::fromLatin1(key))
        , m_default(std::move(defaultValue))
    {}

    T get() const
    {
        const QVariant v = QSettings().value(m_key);
        return v.isValid() && v.canConvert<T>() ? v.value<T>() : m_default;
    }
    void set(const T &value) const { QSettings().setValue(m_key, QVariant::fromValue(value)); }
    void reset() const { QSettings().remove(m_key); }
    const QString &key() const { return m_key; }

private:
    QString m_key;
    T m_default;
};

} // namespace cp::ui
