package io.privkit.fairness.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.DataFormatException;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.Binning;
import io.privkit.fairness.Characteristic;
import io.privkit.fairness.GroupKey;
import io.privkit.fairness.GroupedStats;
import io.privkit.fairness.MissingValuePolicy;
import io.privkit.fairness.metrics.ConfusionCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FairnessTableReaderTest {
    @TempDir
    Path tmp;

    private Path write(String text) throws Exception {
        Path f = tmp.resolve("d.csv");
        Files.writeString(f, text);
        return f;
    }

    private static FairnessTableReader.Builder base() {
        return FairnessTableReader.builder().label("y").prediction("p").attribute(Attribute.sensitive("sex", Characteristic.SEX));
    }

    @Test
    void read_codedLabelsBinsAndMissingAsOwnGroup_countsByHand() throws Exception {
        Path f = write("y,p,sex,age\nyes,yes,F,23\nno,yes,F,40\nyes,no,M,\nno,no,M,61\nyes,yes,,30\n");
        GroupedStats s = FairnessTableReader.builder().label("y").prediction("p").coding(new LabelCoding("yes", "no"))
                .attribute(Attribute.sensitive("sex", Characteristic.SEX))
                .attribute(Attribute.sensitive("age", Characteristic.AGE).withBinning(Binning.at(25, 45)))
                .missingValues(MissingValuePolicy.OWN_GROUP).build().read(f).snapshot();
        Map<GroupKey, GroupedStats.Cell> sex = s.marginal(List.of("sex"));
        assertEquals(new ConfusionCounts(1, 1, 0, 0), sex.get(GroupKey.of("sex", "F")).counts());
        assertEquals(new ConfusionCounts(0, 0, 1, 1), sex.get(GroupKey.of("sex", "M")).counts());
        assertEquals(new ConfusionCounts(1, 0, 0, 0), sex.get(GroupKey.of("sex", GroupKey.MISSING)).counts());
        assertEquals(List.of("<25", "[25, 45)", ">=45", GroupKey.MISSING), s.levels("age"));
        assertEquals(Map.of("sex", 1L, "age", 1L), s.missing());
    }

    @Test
    void read_unknownColumns_allNamedAtOnceWithTheFileColumns() throws Exception {
        Path f = write("y,p,gender\n1,1,F\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> FairnessTableReader.builder().label("label").prediction("p").score("s")
                        .attribute(Attribute.sensitive("sex", Characteristic.SEX)).build().read(f));
        assertTrue(e.getMessage().contains("--label must be a column of the file [y, p, gender]; got \"label\"."), e.getMessage());
        assertTrue(e.getMessage().contains("--score must be a column"), e.getMessage());
        assertTrue(e.getMessage().contains("--sensitive must be a column"), e.getMessage());
    }

    @Test
    void read_labelOutsideCoding_namesRowColumnAndFix() throws Exception {
        Path f = write("y,p,sex\n1,1,F\n2,0,M\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> base().build().read(f));
        assertEquals(f + ": row 3, column 'y': the value must be \"1\" or \"0\"; got \"2\". Map the column's values with --positive "
                + "and --negative.", e.getMessage());
    }

    @Test
    void read_nanScore_rejectedByDefault_droppedAndCountedOnRequest() throws Exception {
        Path f = write("y,p,s,sex\n1,1,0.9,F\n0,1,NaN,F\n0,0,,M\n1,0,0.2,M\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> base().score("s").build().read(f));
        assertTrue(e.getMessage().startsWith(f + ": row 3, column 's': the score must be a finite number; got \"NaN\"."), e.getMessage());
        GroupedStats s = base().score("s").invalidScores(InvalidScorePolicy.DROP_ROW).build().read(f).snapshot();
        assertEquals(Map.of("score not a finite number", 2L), s.dropped());
        assertEquals(2, s.rowsKept());
        assertEquals(4, s.rows());
    }

    @Test
    void read_missingAttribute_rejectedByDefaultWithRow() throws Exception {
        Path f = write("y,p,sex\n1,1,F\n0,0,\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> base().build().read(f));
        assertTrue(e.getMessage().startsWith(f + ": row 3, column 'sex': sex must be present"), e.getMessage());
    }

    @Test
    void read_whereFilter_readsOnlyMatchingRows() throws Exception {
        Path f = write("y,p,sex,split\n1,1,F,test\n0,0,M,train\n1,0,M,test\n");
        GroupedStats s = base().where("split", "test").build().read(f).snapshot();
        assertEquals(2, s.rowsKept());
        assertEquals(Map.of("outside the row filter split=test", 1L), s.dropped());
    }
}
