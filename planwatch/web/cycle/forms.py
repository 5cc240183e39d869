"""Forms of the monitoring cycle pages (validation of the office's and units' input)."""

from __future__ import annotations

from django import forms

from planwatch.web.cycle.models import FREQUENCIES, ROUND_KINDS, TASK_TYPES, ScoringScheme


class RoundForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=ROUND_KINDS)
    frequency = forms.ChoiceField(choices=FREQUENCIES)
    period_label = forms.CharField(max_length=50)
    due = forms.DateField()
    plan = forms.IntegerField(required=False)
    task_type = forms.ChoiceField(choices=TASK_TYPES, required=False)


class SchemeForm(forms.ModelForm):
    class Meta:
        model = ScoringScheme
        fields = ["w_targets", "w_tasks", "w_reporting", "w_quality", "w_rectification", "green_from", "yellow_from"]

    def clean(self) -> dict:
        data = super().clean() or {}
        weights = [data.get(f) for f in self.Meta.fields[:5]]
        if any(w is not None and w < 0 for w in weights):
            raise forms.ValidationError("权重不能为负")
        if sum(w or 0 for w in weights) <= 0:
            raise forms.ValidationError("权重之和须大于0")
        if (data.get("yellow_from") or 0) > (data.get("green_from") or 0):
            raise forms.ValidationError("黄灯分数线不能高于绿灯分数线")
        return data


class RectificationForm(forms.Form):
    unit = forms.IntegerField()
    due = forms.DateField()
    source = forms.ChoiceField(choices=[("audit", "audit"), ("indicator", "indicator")])
    target = forms.IntegerField(required=False)
    version = forms.IntegerField(required=False)
    finding = forms.IntegerField(required=False)
