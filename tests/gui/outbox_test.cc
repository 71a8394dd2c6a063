// The offline outbox on its own (no server): durable before add() returns,
// sent in order, kept while the server cannot be reached, kept with the
// server's reason when refused, and still there after the program restarts.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "client-shared/outbox.h"

namespace cft {

using client::Outbox;

class OutboxTest : public QObject {
  Q_OBJECT

 private:
  static std::unique_ptr<Outbox> open(const QTemporaryDir& dir, const QString& owner = QStringLiteral("7")) {
    QString error;
    auto box = Outbox::open(dir.path(), owner, &error);
    if (box) box->setRetryDelays(10, 40);
    if (!box) qWarning("%s", qPrintable(error));
    return box;
  }

 private slots:
  void entriesSurviveARestartAndAreSentOnceInOrder() {
    QTemporaryDir dir;
    QString error;
    {
      auto box = open(dir);
      QVERIFY(box);
      // No sender yet (the program is offline, or closing): they wait.
      QVERIFY(box->add("LogPractice", "key-1", "first", "Breathing, 5 min", &error));
      QVERIFY(box->add("LogPractice", "key-2", "second", "Thought record", &error));
      QCOMPARE(box->waiting(), 2);
    }
    auto box = open(dir);
    QVERIFY(box);
    QCOMPARE(box->waiting(), 2);
    QCOMPARE(box->entries().at(0).label, QStringLiteral("Breathing, 5 min"));
    QStringList sent;
    box->setSender("LogPractice", [&](const Outbox::Entry& e, Outbox::Report report) {
      sent << QString::fromUtf8(e.payload);
      report(Outbox::Outcome::Delivered, {});
    });
    QSignalSpy delivered(box.get(), &Outbox::delivered);
    box->flush();
    QCOMPARE(sent, QStringList({"first", "second"}));
    QCOMPARE(delivered.count(), 2);
    QCOMPARE(delivered.at(0).at(1).toString(), QStringLiteral("key-1"));
    QCOMPARE(box->waiting(), 0);
    box->flush();
    QCOMPARE(sent.size(), 2);
  }

  void whileTheServerCannotBeReachedEntriesWaitAndAreRetried() {
    QTemporaryDir dir;
    auto box = open(dir);
    int attempts = 0;
    box->setSender("LogPractice", [&](const Outbox::Entry&, Outbox::Report report) {
      ++attempts;
      report(attempts < 3 ? Outbox::Outcome::RetryLater : Outbox::Outcome::Delivered, {});
    });
    QSignalSpy waiting(box.get(), &Outbox::waitingChanged);
    QString error;
    QVERIFY(box->add("LogPractice", "key-1", "payload", "Breathing", &error));
    QCOMPARE(box->waiting(), 1);
    QTRY_COMPARE(box->waiting(), 0);
    QCOMPARE(attempts, 3);
    QCOMPARE(waiting.last().at(0).toInt(), 0);
  }

  void aRefusedEntryIsKeptWithTheReasonUntilDiscarded() {
    QTemporaryDir dir;
    auto box = open(dir);
    box->setSender("LogPractice", [&](const Outbox::Entry& e, Outbox::Report report) {
      if (e.idempotencyKey == "bad") {
        report(Outbox::Outcome::Refused, QStringLiteral("The practice cannot be in the future."));
      } else {
        report(Outbox::Outcome::Delivered, {});
      }
    });
    QSignalSpy refused(box.get(), &Outbox::refused);
    QString error;
    QVERIFY(box->add("LogPractice", "bad", "x", "Breathing", &error));
    QVERIFY(box->add("LogPractice", "good", "y", "Journal", &error));
    // The refusal does not hold up what comes after it.
    QCOMPARE(box->waiting(), 0);
    QCOMPARE(refused.count(), 1);
    const QList<Outbox::Entry> kept = box->entries();
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.at(0).refusal, QStringLiteral("The practice cannot be in the future."));
    box->discard(kept.at(0).id);
    QCOMPARE(box->entries().size(), 0);
  }

  void aKeyIsStoredOnceAndEachPersonHasTheirOwnQueue() {
    QTemporaryDir dir;
    auto mine = open(dir, "7");
    auto theirs = open(dir, "8");
    QString error;
    QVERIFY(mine->add("LogPractice", "key-1", "x", "Breathing", &error));
    QVERIFY(!mine->add("LogPractice", "key-1", "x", "Breathing", &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(mine->waiting(), 1);
    QCOMPARE(theirs->waiting(), 0);
  }
};

}  // namespace cft

QTEST_GUILESS_MAIN(cft::OutboxTest)
#include "outbox_test.moc"
