#include "clinician-client/reports/report_pdf.h"

#include <QAbstractTextDocumentLayout>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextObjectInterface>
#include <QTextTable>
#include <memory>
#include <vector>

#include "client-shared/pre_post_chart.h"
#include "client-shared/score_chart.h"

namespace cft::clinician {
namespace {

constexpr int kResolution = 300;
constexpr int kChartObject = QTextFormat::UserObject + 1;
constexpr int kChartIndex = QTextFormat::UserProperty + 1;
// On a block format: the block belongs on the page of the block after it.
constexpr int kKeepWithNext = QTextFormat::UserProperty + 2;
// The charts are laid out at a screen size, then scaled onto the page, so
// their fonts and markers keep the proportions people see on screen.
constexpr QSize kChartSize(960, 520);

// Draws chart objects of the document: the chart view's scene, scaled into
// the object's rectangle on whatever painter the layout paints with.
class ChartObjects : public QObject, public QTextObjectInterface {
  Q_OBJECT
  Q_INTERFACES(QTextObjectInterface)

 public:
  explicit ChartObjects(qreal width) : width_(width) {}

  int add(std::unique_ptr<QChartView> view) {
    view->resize(kChartSize);
    view->setRenderHint(QPainter::Antialiasing);
    // The view is never shown, so nothing lays the chart out but this: its
    // size now, and the layout requests that size posts, for this chart alone
    // (not the whole event queue, which holds other calls' answers).
    view->chart()->resize(kChartSize);
    view->scene()->setSceneRect(QRectF(QPointF(0, 0), kChartSize));
    QCoreApplication::sendPostedEvents(view->chart(), QEvent::LayoutRequest);
    views_.push_back(std::move(view));
    return static_cast<int>(views_.size()) - 1;
  }

  QSizeF intrinsicSize(QTextDocument*, int, const QTextFormat&) override {
    return {width_, width_ * kChartSize.height() / kChartSize.width()};
  }

  void drawObject(QPainter* painter, const QRectF& rect, QTextDocument*, int, const QTextFormat& format) override {
    const int index = format.property(kChartIndex).toInt();
    if (index < 0 || index >= static_cast<int>(views_.size())) return;
    // Charts clip their plot areas themselves, replacing the page's clip, so
    // a chart is drawn only on the page that holds it (a chart never splits:
    // the layout moves one that does not fit to the next page).
    if (painter->hasClipping() && !painter->clipBoundingRect().contains(rect.center())) return;
    QChartView* view = views_[index].get();
    painter->save();
    painter->translate(rect.topLeft());
    painter->scale(rect.width() / kChartSize.width(), rect.height() / kChartSize.height());
    // Not QWidget::render: the scene paints with this painter, so the PDF
    // gets vector shapes and real text, not a picture of the screen.
    view->scene()->render(painter, QRectF(QPointF(0, 0), kChartSize), QRectF(QPointF(0, 0), kChartSize));
    painter->restore();
  }

 private:
  qreal width_;
  std::vector<std::unique_ptr<QChartView>> views_;
};

std::unique_ptr<QChartView> makeChart(const ReportChart& spec) {
  if (spec.kind == ReportChart::Kind::ScoresOverTime) {
    auto chart = std::make_unique<client::ScoreChart>();
    chart->setOutcome(spec.outcome);
    return chart;
  }
  auto* chart = new QChart;
  chart->setAnimationOptions(QChart::NoAnimation);
  client::fillPrePostChart(chart, spec.prePost);
  return std::make_unique<QChartView>(chart);
}

QTextCharFormat textFormat(qreal points, bool bold = false, bool italic = false) {
  QTextCharFormat f;
  f.setFontPointSize(points);
  f.setFontWeight(bold ? QFont::Bold : QFont::Normal);
  f.setFontItalic(italic);
  return f;
}

void addParagraph(QTextCursor& cursor, const QString& text, const QTextCharFormat& format, qreal topMargin,
                  bool newPage = false, Qt::Alignment align = Qt::AlignLeft, bool keepWithNext = false) {
  QTextBlockFormat block;
  block.setTopMargin(topMargin);
  block.setBottomMargin(topMargin / 3);
  block.setAlignment(align);
  if (newPage) block.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
  if (keepWithNext) block.setProperty(kKeepWithNext, true);
  cursor.insertBlock(block, format);
  cursor.insertText(text, format);
}

void addTable(QTextCursor& cursor, const ReportTable& table) {
  if (!table.caption.isEmpty()) {
    addParagraph(cursor, table.caption, textFormat(9.5, true), 24, false, Qt::AlignLeft, true);
  }
  const int columns = static_cast<int>(table.header.size());
  if (columns == 0) return;
  QTextTableFormat format;
  format.setHeaderRowCount(1);
  format.setCellPadding(8);
  format.setCellSpacing(0);
  format.setBorder(1);
  format.setBorderBrush(QColor(120, 120, 120));
  format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
  format.setBorderCollapse(true);
  format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
  format.setTopMargin(6);
  QTextTable* t = cursor.insertTable(static_cast<int>(table.rows.size()) + 1, columns, format);
  auto fill = [&](int row, const QStringList& cells, const QTextCharFormat& f) {
    for (int c = 0; c < columns; ++c) {
      QTextTableCell cell = t->cellAt(row, c);
      if (row == 0) {
        QTextCharFormat shade = cell.format();
        shade.setBackground(QColor(232, 236, 242));
        cell.setFormat(shade);
      }
      QTextCursor in = cell.firstCursorPosition();
      in.insertText(c < cells.size() ? cells[c] : QString(), f);
    }
  };
  fill(0, table.header, textFormat(7.5, true));
  for (int r = 0; r < table.rows.size(); ++r) fill(r + 1, table.rows[r], textFormat(7.5));
  cursor.movePosition(QTextCursor::End);
  if (!table.note.isEmpty()) addParagraph(cursor, table.note, textFormat(7, false, true), 6);
}

int pageOf(const QRectF& rect, qreal pageHeight) { return static_cast<int>(rect.top() / pageHeight); }

// Qt 6.4's text layout has no keep-with-next, so a heading (or a table's
// caption) whose next block was pushed onto the following page would end its
// page alone. Such a block, with the keep-with-next blocks just before it on
// the same page (a heading over a caption), moves to the next page. Each
// move only pushes later blocks down, so one pass in document order settles
// every page.
void keepWithNext(QTextDocument& doc, qreal pageHeight) {
  QAbstractTextDocumentLayout* layout = doc.documentLayout();
  for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
    if (!b.blockFormat().boolProperty(kKeepWithNext)) continue;
    const QTextBlock next = b.next();
    if (!next.isValid()) break;
    const int page = pageOf(layout->blockBoundingRect(b), pageHeight);
    if (pageOf(layout->blockBoundingRect(next), pageHeight) == page) continue;
    QTextBlock first = b;
    for (QTextBlock prev = first.previous();
         prev.isValid() && prev.blockFormat().boolProperty(kKeepWithNext) &&
         pageOf(layout->blockBoundingRect(prev), pageHeight) == page;
         prev = prev.previous()) {
      first = prev;
    }
    // Already at the top of its page (a block taller than what is left of a
    // page cannot be helped): moving it would only leave a blank page.
    if (layout->blockBoundingRect(first).top() - page * pageHeight < pageHeight / 20) continue;
    QTextBlockFormat moved;
    moved.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
    QTextCursor(first).mergeBlockFormat(moved);
  }
}

}  // namespace

PdfResult writeReportPdf(const ReportContent& content, QIODevice* device) {
  PdfResult result;
  QPdfWriter writer(device);
  writer.setResolution(kResolution);
  writer.setPageSize(QPageSize(QPageSize::A4));
  writer.setPageMargins(QMarginsF(16, 14, 16, 14), QPageLayout::Millimeter);
  writer.setTitle(QStringLiteral("%1: %2").arg(content.title, content.subject));
  writer.setCreator(QStringLiteral("CFT Groups clinician client"));
  const QRectF paint = writer.pageLayout().paintRectPixels(kResolution);
  const qreal width = paint.width();
  // 7 mm bands above and below the body for the header and the footer.
  const qreal band = 7.0 / 25.4 * kResolution;
  const qreal bodyHeight = paint.height() - 2 * band;

  QTextDocument doc;
  doc.documentLayout()->setPaintDevice(&writer);
  doc.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
  doc.setDocumentMargin(0);
  doc.setPageSize(QSizeF(width, bodyHeight));
  auto* charts = new ChartObjects(width);
  charts->setParent(&doc);
  doc.documentLayout()->registerHandler(kChartObject, charts);

  QTextCursor cursor(&doc);
  bool first = true;
  for (const ReportBlock& b : content.blocks) {
    switch (b.kind) {
      case ReportBlock::Kind::Heading:
        if (first) {
          cursor.setBlockCharFormat(textFormat(15, true));
          cursor.insertText(b.text, textFormat(15, true));
        } else {
          addParagraph(cursor, b.text, textFormat(12.5, true), 40, b.newPage, Qt::AlignLeft, true);
        }
        break;
      case ReportBlock::Kind::Paragraph: addParagraph(cursor, b.text, textFormat(9), 12); break;
      case ReportBlock::Kind::Table: addTable(cursor, b.table); break;
      case ReportBlock::Kind::Chart: {
        QTextCharFormat object;
        object.setObjectType(kChartObject);
        object.setProperty(kChartIndex, charts->add(makeChart(b.chart)));
        addParagraph(cursor, QString(), textFormat(9), 18, false, Qt::AlignHCenter);
        cursor.insertText(QString(QChar::ObjectReplacementCharacter), object);
        addParagraph(cursor, b.chart.caption, textFormat(7.5, false, true), 4);
        break;
      }
    }
    first = false;
  }

  keepWithNext(doc, bodyHeight);

  const int pages = doc.pageCount();
  QPainter painter;
  if (!painter.begin(&writer)) {
    result.error = QStringLiteral("The PDF could not be started.");
    return result;
  }
  const QFont small(QStringLiteral("DejaVu Sans"), 7);
  for (int page = 0; page < pages; ++page) {
    if (page > 0) writer.newPage();
    painter.setFont(small);
    painter.setPen(QColor(60, 60, 60));
    const QRectF header(0, 0, width, band * 0.7);
    painter.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("%1 — %2").arg(content.title, content.subject));
    painter.drawText(header, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("Confidential: clinical information"));
    painter.drawLine(QPointF(0, band * 0.75), QPointF(width, band * 0.75));
    const qreal footTop = band + bodyHeight;
    painter.drawLine(QPointF(0, footTop + band * 0.25), QPointF(width, footTop + band * 0.25));
    const QRectF footer(0, footTop + band * 0.3, width, band * 0.7);
    painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("Generated %1 by %2").arg(content.generatedOn, content.generatedBy));
    painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("Page %1 of %2").arg(page + 1).arg(pages));

    painter.save();
    painter.translate(0, band - page * bodyHeight);
    QAbstractTextDocumentLayout::PaintContext context;
    context.clip = QRectF(0, page * bodyHeight, width, bodyHeight);
    painter.setClipRect(context.clip);
    doc.documentLayout()->draw(&painter, context);
    painter.restore();
  }
  if (!painter.end()) {
    result.error = QStringLiteral("The PDF could not be finished.");
    return result;
  }
  result.ok = true;
  result.pages = pages;
  return result;
}

PdfResult writeReportPdf(const ReportContent& content, const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return {false, 0, QStringLiteral("%1 could not be written: %2").arg(path, file.errorString())};
  }
  PdfResult result = writeReportPdf(content, &file);
  if (!result.ok) {
    file.cancelWriting();
    return result;
  }
  if (!file.commit()) {
    return {false, 0, QStringLiteral("%1 could not be saved: %2").arg(path, file.errorString())};
  }
  return result;
}

}  // namespace cft::clinician

#include "report_pdf.moc"
