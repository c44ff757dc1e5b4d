// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// SHA-256 against Qt's independent implementation: every length across several block
// boundaries, random data fed in uneven pieces, and the FIPS 180-4 examples. CTest runs this
// twice: with the CPU's SHA instructions when it has them, and with them turned off.

#include <core/common/sha256.h>

#include <QCryptographicHash>
#include <QtTest>

#include <random>

using namespace cp;

namespace {

std::string reference(const std::string &data)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(data), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

} // namespace

class tst_Sha256 : public QObject
{
    Q_OBJECT

private slots:
    void fipsExamples()
    {
        qInfo("SHA-256 path: %s", Sha256::hardwareAccelerated() ? "SHA-NI" : "portable");
        QCOMPARE(Sha256::hex("abc"),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(Sha256::hex(""),
                 std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(Sha256::hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    }

    void everyLength()
    {
        std::mt19937 random(7);
        std::string data;
        for (std::size_t n = 0; n <= 300; ++n) {
            QCOMPARE(Sha256::hex(data), reference(data));
            data += char(random());
        }
    }

    void unevenPieces()
    {
        std::mt19937 random(11);
        std::string data(1 << 20, '\0');
        for (char &c : data)
            c = char(random());
        Sha256 h;
        std::size_t at = 0;
        while (at < data.size()) {
            const std::size_t piece = std::min<std::size_t>(random() % 700, data.size() - at);
            h.update(std::string_view(data).substr(at, piece));
            at += piece;
        }
        QCOMPARE(h.hexDigest(), reference(data));
    }
};

QTEST_GUILESS_MAIN(tst_Sha256)
#include "tst_sha256.moc"
