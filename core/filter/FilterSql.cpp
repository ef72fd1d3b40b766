// SPDX-License-Identifier: GPL-3.0-or-later
// Filter -> WHERE fragment over the catalog. Every user value is bound, never
// written into the SQL text. FilterMatch.cpp is the in-memory twin of this
// file; the agreement test in tests/filter keeps the two in step.
#include "filter/Filter.h"
#include "filter/FilterFields.h"
#include "filter/FilterRange.h"
#include "filter/FilterText.h"

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

class SqlBuilder {
public:
    explicit SqlBuilder(const QDateTime &nowUtc)
        : m_now(nowUtc) {}

    QString node(const FilterNode &node) {
        if (!node.isGroup())
            return condition(node.condition);
        QStringList parts;
        for (const FilterNode &child : node.children)
            parts << u'(' + this->node(child) + u')';
        // An empty group sets no condition, as an empty filter does.
        const QString joined =
            parts.isEmpty() ? u"1"_s : parts.join(node.any ? u" OR "_s : u" AND "_s);
        return node.negate ? u"NOT ("_s + joined + u')' : joined;
    }

    QVariantList takeValues() { return std::move(m_values); }

private:
    QString bind(const QVariant &value) {
        // A null QString binds as SQL NULL, which no comparison matches.
        const bool nullText =
            value.metaType().id() == QMetaType::QString && value.toString().isNull();
        m_values << (nullText ? QVariant(u""_s) : value);
        return u"?"_s;
    }

    QString bindAll(const QStringList &texts) {
        QStringList marks;
        for (const QString &text : texts)
            marks << bind(text);
        return marks.join(u", "_s);
    }

    QString condition(const FilterCondition &c) {
        const FilterFieldInfo &field = filterFieldInfo(c.field);
        switch (field.type) {
        case FilterFieldType::List:
            return listCondition(field.columns.constFirst(), c);
        case FilterFieldType::Number:
            return rangeCondition(field.columns.constFirst(), c.range, false);
        case FilterFieldType::Time:
            return rangeCondition(field.columns.constFirst(), FilterTime::effectiveRange(c, m_now),
                                  true);
        default: {
            // One test per column; anyParty holds when any of its columns does.
            QStringList parts;
            for (const QString &column : field.columns)
                parts << textCondition(column, field.ignoreCase, c);
            return parts.size() == 1 ? parts.constFirst() : u'(' + parts.join(u") OR ("_s) + u')';
        }
        }
    }

    QString textCondition(const QString &column, bool ignoreCase, const FilterCondition &c) {
        const QString expr = ignoreCase ? u"lower("_s + column + u')' : column;
        QStringList texts = c.texts;
        if (ignoreCase) {
            for (QString &text : texts)
                text = FilterText::foldAscii(text);
        }
        switch (c.op) {
        case FilterOperator::Equals:
            return expr + u" = "_s + bind(texts.constFirst());
        case FilterOperator::NotEquals:
            return expr + u" <> "_s + bind(texts.constFirst());
        case FilterOperator::OneOf:
            return expr + u" IN ("_s + bindAll(texts) + u')';
        case FilterOperator::NotOneOf:
            return expr + u" NOT IN ("_s + bindAll(texts) + u')';
        case FilterOperator::Contains:
            return expr + u" GLOB "_s +
                   bind(QString(u'*' + FilterText::sqlGlobLiteral(texts.constFirst()) + u'*'));
        case FilterOperator::StartsWith:
            return expr + u" GLOB "_s +
                   bind(QString(FilterText::sqlGlobLiteral(texts.constFirst()) + u'*'));
        case FilterOperator::Matches:
            return expr + u" GLOB "_s + bind(FilterText::sqlGlobFromPattern(texts.constFirst()));
        case FilterOperator::IsEmpty:
            return column + u" = ''"_s;
        case FilterOperator::IsNotEmpty:
            return column + u" <> ''"_s;
        default:
            Q_UNREACHABLE();
        }
        return {};
    }

    QString listCondition(const QString &column, const FilterCondition &c) {
        const QString each = u"SELECT 1 FROM json_each(recordings."_s + column + u") WHERE "_s;
        switch (c.op) {
        case FilterOperator::Has:
            return u"EXISTS ("_s + each + u"value = "_s + bind(c.texts.constFirst()) + u')';
        case FilterOperator::HasNot:
            return u"NOT EXISTS ("_s + each + u"value = "_s + bind(c.texts.constFirst()) + u')';
        case FilterOperator::OneOf:
            return u"EXISTS ("_s + each + u"value IN ("_s + bindAll(c.texts) + u"))"_s;
        case FilterOperator::NotOneOf:
            return u"NOT EXISTS ("_s + each + u"value IN ("_s + bindAll(c.texts) + u"))"_s;
        case FilterOperator::IsEmpty:
            return u"json_array_length(recordings."_s + column + u") = 0"_s;
        case FilterOperator::IsNotEmpty:
            return u"json_array_length(recordings."_s + column + u") > 0"_s;
        default:
            Q_UNREACHABLE();
        }
        return {};
    }

    QString rangeCondition(const QString &column, const FilterRange &range, bool time) {
        QStringList parts;
        if (range.low) {
            // Times compare as text. "> previous second" instead of ">= second"
            // also counts "…:00.500Z" (should the catalog keep milliseconds)
            // as its whole second, since '.' sorts before 'Z'.
            parts << (time ? column + u" > "_s + bind(FilterTime::catalogText(*range.low - 1))
                           : column + u" >= "_s + bind(*range.low));
        }
        if (range.high) {
            parts << column + u" <= "_s +
                         (time ? bind(FilterTime::catalogText(*range.high)) : bind(*range.high));
        }
        const QString inside = parts.isEmpty() ? u"1"_s : parts.join(u" AND "_s);
        return range.negate ? u"NOT ("_s + inside + u')' : inside;
    }

    QDateTime m_now;
    QVariantList m_values;
};

} // namespace

SqlFragment Filter::toSql(const QDateTime &nowUtc) const {
    SqlBuilder builder(nowUtc);
    SqlFragment fragment;
    fragment.where = builder.node(m_root);
    fragment.values = builder.takeValues();
    return fragment;
}

} // namespace Replicall
