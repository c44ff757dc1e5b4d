// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "fieldformpage.h"

#include <string>
#include <vector>

class QComboBox;
class QFormLayout;
class QLineEdit;
class QListWidget;
class QTableWidget;

namespace cp::ui {

/// The form of the columns that differ between a family's variants. A protected attribute:
/// its groups (comma-separated, in declared order), its reference group and optional target
/// shares. A linked field: the protected attributes it follows ("by", checked in a list) and,
/// by kind, the provider list keyed by those groups, or per group combination its pronoun set
/// (he, she or they) or its values ("Ms, Mr:2": a value with an optional weight after ':').
class AttributeFieldPage : public FieldFormPage
{
    Q_OBJECT

public:
    explicit AttributeFieldPage(QWidget *parent = nullptr);

    QLineEdit *groupsEdit() const { return m_groups; }
    QComboBox *referenceCombo() const { return m_reference; }
    QLineEdit *sharesEdit() const { return m_shares; }
    QListWidget *byList() const { return m_by; }
    QComboBox *providerCombo() const { return m_provider; }
    QTableWidget *listTable() const { return m_lists; }

    /// The group combinations of `by` ("female/black"), row-major in declared order.
    static std::vector<std::string> groupKeys(const cp::GeneratorSpec &spec,
                                              const std::vector<std::string> &by);
    /// Makes a linked field of another kind, with a starting value for every group
    /// combination (pronouns "they", values the group's own name; lists already there kept).
    static void convertLinked(const cp::GeneratorSpec &spec, cp::LinkedSpec &linked,
                              cp::LinkedSpec::Kind kind);

protected:
    void load(const cp::GeneratorSpec &spec, const FieldTarget &target) override;

private:
    void loadProtected(const cp::ProtectedSpec &p);
    void loadLinked(const cp::GeneratorSpec &spec, const cp::LinkedSpec &l);
    void groupsEdited();
    void sharesEdited();
    void byEdited();
    void listEdited();
    bool editProtected(QWidget *control, const QString &undoText,
                       const std::function<QString(cp::ProtectedSpec &)> &change);
    bool editLinked(QWidget *control, const QString &undoText,
                    const std::function<QString(cp::LinkedSpec &)> &change);

    QFormLayout *m_form;
    QLineEdit *m_groups;
    QComboBox *m_reference;
    QLineEdit *m_shares;
    QListWidget *m_by;
    QComboBox *m_provider;
    QTableWidget *m_lists;
};

} // namespace cp::ui
