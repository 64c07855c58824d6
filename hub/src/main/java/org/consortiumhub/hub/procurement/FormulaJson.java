package org.consortiumhub.hub.procurement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.consortiumhub.hub.procurement.costshare.Basis;
import org.consortiumhub.hub.procurement.costshare.CostShareException;
import org.consortiumhub.hub.procurement.costshare.CostShareFormula;
import org.consortiumhub.hub.procurement.costshare.CostShareFormula.Component;
import org.consortiumhub.hub.problem.ProblemException;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Cost-share formulas between the API's model, the domain and the JSON text stored with proposals and purchases. */
final class FormulaJson {

    private FormulaJson() {
    }

    /** The formula as sent, checked; a formula that makes no sense is a 400 naming {@code field}. */
    static CostShareFormula fromApi(org.consortiumhub.api.model.CostShareFormula f, String field) {
        if (f == null) {
            throw ProblemException.invalid(field, "is required");
        }
        List<Component> components = new ArrayList<>();
        if (f.getComponents() != null) {
            for (var c : f.getComponents()) {
                components.add(new Component(c.getBasis() == null ? null : Basis.valueOf(c.getBasis().name()), c.getWeight()));
            }
        }
        try {
            return new CostShareFormula(f.getBasePercent(), components);
        } catch (CostShareException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }

    static org.consortiumhub.api.model.CostShareFormula toApi(CostShareFormula f) {
        return new org.consortiumhub.api.model.CostShareFormula().basePercent(f.basePercent())
                .components(f.components().stream().map(c -> new org.consortiumhub.api.model.CostShareComponent()
                        .basis(org.consortiumhub.api.model.CostShareBasis.valueOf(c.basis().name())).weight(c.weight()))
                        .toList());
    }

    static String encode(CostShareFormula f) {
        JsonArray components = new JsonArray();
        f.components().forEach(c -> components.add(new JsonObject().put("basis", c.basis().name())
                .put("weight", c.weight().toPlainString())));
        return new JsonObject().put("basePercent", f.basePercent().toPlainString()).put("components", components).encode();
    }

    static CostShareFormula decode(String json) {
        JsonObject o = new JsonObject(json);
        List<Component> components = new ArrayList<>();
        JsonArray array = o.getJsonArray("components");
        for (int i = 0; i < array.size(); i++) {
            JsonObject c = array.getJsonObject(i);
            components.add(new Component(Basis.valueOf(c.getString("basis")), new BigDecimal(c.getString("weight"))));
        }
        return new CostShareFormula(new BigDecimal(o.getString("basePercent")), components);
    }
}
