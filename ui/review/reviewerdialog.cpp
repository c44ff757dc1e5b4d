// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewerdialog.h"

#include <ui/settings/preference.h>

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cp::ui {

namespace {

const Preference<QString> reviewerName{"Review/Reviewer"};

} // namespace

ReviewerDialog::ReviewerDialog(const QString &current, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(current, this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("reviewerDialog"));
    setWindowTitle(tr("Who Is Reviewing?"));
    auto *intro = new QLabel(tr("Your labels are stored under this name, with the time of each "
                                "change. It is kept on this computer and asked only once; "
                                "change it on the Reviews page."),
                             this);
    intro->setWordWrap(true);
    auto *label = new QLabel(tr("&Your name:"), this);
    label->setBuddy(m_name);
    m_name->setObjectName(QStringLiteral("reviewerName"));
    m_name->setPlaceholderText(tr("e.g. Dana Smith"));
    m_name->setMaxLength(80);
    m_name->setMinimumWidth(260);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(label);
    layout->addWidget(m_name);
    layout->addWidget(m_buttons);

    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(!name().isEmpty());
    connect(m_name, &QLineEdit::textChanged, ok, [this, ok] { ok->setEnabled(!name().isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString ReviewerDialog::name() const
{
    return m_name->text().simplified();
}

QString ReviewerDialog::storedName()
{
    return reviewerName.get().simplified();
}

void ReviewerDialog::storeName(const QString &name)
{
    reviewerName.set(name.simplified());
}

QString ReviewerDialog::settingsKey()
{
    return reviewerName.key();
}

} // namespace cp::ui
