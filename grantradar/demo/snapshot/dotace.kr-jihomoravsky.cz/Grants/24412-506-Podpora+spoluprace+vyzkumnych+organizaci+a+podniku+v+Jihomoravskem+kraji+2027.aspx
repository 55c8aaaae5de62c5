<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="cs">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>Podpora spolupráce výzkumných organizací a podniků v Jihomoravském kraji 2027 - Dotační portál Jihomoravského kraje</title>
<link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" /></head>
<body>
<form name="aspnetForm" method="post" action="./24412-506-Podpora%2Bspoluprace%2Bvyzkumnych%2Borganizaci%2Ba%2Bpodniku%2Bv%2BJihomoravskem%2Bkraji%2B2027.aspx" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE"
  value="/wEPDwUKMTY1NDU2MTA1MmRkZr3Xa9yA1lq2pC4I0y0w4N0Bv5o=" /></div>
<div id="header"><a href="/Oblasti.aspx"><img src="/Images/logo_jmk.png" alt="Jihomoravský kraj" /></a>
<ul id="menu"><li><a href="/Oblasti.aspx">Dotační oblasti</a></li><li><a href="/Aktuality.aspx">Aktuality</a></li>
<li><a href="/Kontakty.aspx">Kontakty</a></li></ul></div>
<div id="content">
<h1>Podpora spolupráce výzkumných organizací a podniků v Jihomoravském kraji 2027</h1>
<div id="ctl00_ContentPlaceHolder1_pnlDetail" class="detail">
<p>Datum schválení: 20.10.2026</p>
<p>Číslo usnesení: 4102/26/R68</p>
<p>Objem finančních prostředků vyčleněných na program: 12 000 000 Kč</p>
<p>Cíl/učel programu: Podpora společných projektů výzkumných organizací a malých a středních podniků v Jihomoravském kraji, zejména v oblastech fotoniky, optiky, elektronové mikroskopie a pokročilých materiálů.</p>
<p>Příjem žádostí: od 01.12.2026 od 8:00 do 29.01.2027 do 12:00 hod.</p>
<p>Územní lokalizace programu: Jihomoravský kraj</p>
<p>Příjemci podpory: malé a střední podniky a výzkumné organizace se sídlem nebo provozovnou v Jihomoravském kraji</p>
<p>Minimální výše podpory na jeden projekt/akci/činnost: 300.000,- Kč</p>
<p>Maximální výše podpory na jeden projekt/akci/činnost: 1.500.000,- Kč</p>
<p>Minimální podíl spoluúčasti žadatele: 50 %</p>
</div>
<h3>Dokumenty ke stažení:</h3>
<ul class="docs">
<li><a href="/Documents/24412/Dotacni-program.pdf">Dotační program – pravidla.pdf</a></li>
<li><a href="/Documents/24412/Zadost.fo">Žádost o finanční podporu.fo</a></li>
<li><a href="/Documents/24412/Rozpocet.xlsx">Rozpočet projektu.xlsx</a></li>
</ul>
</div>
<div id="footer">© Jihomoravský kraj, Žerotínovo náměstí 449/3, 601 82 Brno</div>
</form>
</body>
</html>
