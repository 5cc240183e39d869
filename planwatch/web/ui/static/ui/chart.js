/* The indicator chart: baseline, straight and compound paths to the target, actuals, forecast.
   Data comes from a json_script element rendered by the server; ECharts is served locally. */
(function () {
  function draw() {
    var el = document.getElementById("chart");
    var src = document.getElementById("chart-data");
    if (!el || !src || !window.echarts) return;
    var d = JSON.parse(src.textContent);
    if (!d) return;
    var L = JSON.parse(document.getElementById("chart-labels").textContent);
    var series = [];
    if (d.straight.length) series.push({name: L.straight, type: "line", data: d.straight, lineStyle: {type: "dashed"}, symbol: "none", color: "#8a94a6"});
    if (d.compound.length) series.push({name: L.compound, type: "line", data: d.compound, lineStyle: {type: "dotted"}, symbol: "none", smooth: true, color: "#6c5ce7"});
    series.push({name: L.actual, type: "line", data: d.actual, symbolSize: 8, color: "#c0392b"});
    if (d.forecast.length) series.push({name: L.forecast, type: "line", data: d.forecast, lineStyle: {type: "dashed"}, color: "#e67e22"});
    if (d.baseline) series.push({name: L.baseline, type: "scatter", data: [d.baseline], symbolSize: 12, color: "#2c3e50"});
    if (d.target) series.push({name: L.target, type: "scatter", data: [d.target], symbol: "diamond", symbolSize: 14, color: "#27ae60"});
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: {trigger: "axis"},
      legend: {top: 0, type: "scroll"},
      grid: {left: 50, right: 20, top: 40, bottom: 30},
      xAxis: {type: "value", min: d.years ? d.years[0] : "dataMin", max: d.years ? d.years[1] : "dataMax", minInterval: 1, axisLabel: {formatter: function (v) { return String(v); }}},
      yAxis: {type: "value", scale: true, name: d.unit || ""},
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-ready", "1");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
