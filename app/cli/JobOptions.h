// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCommandLineParser>
#include <QString>

namespace Replicall {

struct Job;

// The job settings as command-line options, shared by 'job add' (all of them)
// and 'job import' (overrides of the imported JSON).
class JobOptions {
public:
    enum Use { ForAdd, ForImport, TokenOnly };

    void addTo(QCommandLineParser &parser, Use use);
    // Applies every option that was given; names the first bad one in *error.
    bool apply(const QCommandLineParser &parser, Job *job, QString *error) const;
    // --token-file or --token-stdin; an empty token when neither was given.
    bool readToken(const QCommandLineParser &parser, QByteArray *token, QString *error) const;

    // A readable listing of a job's settings for 'job show' (never the token).
    static QString describe(const Job &job);

private:
    Use m_use = ForAdd;
};

} // namespace Replicall
