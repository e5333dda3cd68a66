package io.privkit.examples.datascientist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/** The breast-cancer CSV reader on files in scikit-learn's layout (the real file is an optional extra). */
class TabularCsvTest {
    @TempDir
    Path tmp;

    private static String row(double first, int label) {
        StringBuilder sb = new StringBuilder().append(first);
        for (int i = 1; i < 30; i++) {
            sb.append(',').append(TabularLogisticQuickstart.RANGES[i][0]);
        }
        return sb.append(',').append(label).toString();
    }

    @Test
    void readCsv_sklearnLayout_labelsAndScaledFeatures() throws Exception {
        Path csv = tmp.resolve("breast_cancer.csv");
        Files.writeString(csv, "2,30,malignant,benign\n" + row(28.11, 0) + "\n" + row(6.981, 1) + "\n");
        List<ArrayExample<Label>> rows = TabularLogisticQuickstart.readCsv(csv);
        assertEquals(2, rows.size());
        assertEquals("malignant", rows.get(0).getOutput().getLabel());
        assertEquals("benign", rows.get(1).getOutput().getLabel());
        // The maximum of "mean radius" maps to +1/sqrt(30), the minimum to -1/sqrt(30).
        assertEquals(1 / Math.sqrt(30), rows.get(0).lookup("mean radius").getValue(), 1e-12);
        assertEquals(-1 / Math.sqrt(30), rows.get(1).lookup("mean radius").getValue(), 1e-12);
    }

    @Test
    void readCsv_badCell_namesRowAndColumn() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "1,30,malignant,benign\n" + row(1, 0).replaceFirst("^1\\.0", "n/a") + "\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TabularLogisticQuickstart.readCsv(csv));
        assertEquals(csv + ": row 2, column 'mean radius': must be a number; got \"n/a\".", e.getMessage());
        Files.writeString(csv, "569,4,a,b\n");
        assertTrue(assertThrows(DataFormatException.class, () -> TabularLogisticQuickstart.readCsv(csv)).getMessage()
                .contains("the header must be \"n,30,class0,class1\""));
    }
}
