<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="cs">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>Podpora individuálních sportovců v Jihomoravském kraji 2026-2027 - Dotační portál Jihomoravského kraje</title>
<link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" /></head>
<body>
<form name="aspnetForm" method="post" action="./24209-506-Podpora%2Bindividualnich%2Bsportovcu%2Bv%2BJihomoravskem%2Bkraji%2B2026-2027.aspx" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE"
  value="/wEPDwUKMTY1NDU2MTA1MmRkZr3Xa9yA1lq2pC4I0y0w4N0Bv5o=" /></div>
<div id="header"><a href="/Oblasti.aspx"><img src="/Images/logo_jmk.png" alt="Jihomoravský kraj" /></a>
<ul id="menu"><li><a href="/Oblasti.aspx">Dotační oblasti</a></li><li><a href="/Aktuality.aspx">Aktuality</a></li>
<li><a href="/Kontakty.aspx">Kontakty</a></li></ul></div>
<div id="content">
<h1>Podpora individuálních sportovců v Jihomoravském kraji 2026-2027</h1>
<table class="grantDetail" cellspacing="0">
<tr><th><b>Datum schválení</b></th><td>11.06.2026</td></tr>
<tr><th><b>Číslo usnesení</b></th><td>3815/26/R56</td></tr>
<tr><th><b>Objem finančních prostředků vyčleněných na program</b></th><td>5 000 000 Kč</td></tr>
<tr><th><b>Cíl/učel programu</b></th><td>Podpora sportovní přípravy talentovaných individuálních sportovců s trvalým pobytem v Jihomoravském kraji.</td></tr>
<tr><th><b>Příjem žádostí</b></th><td>od 01.09.2026 od 8:00 do 30.09.2026 do 14:00 hod.</td></tr>
<tr><th><b>Územní lokalizace programu</b></th><td>Jihomoravský kraj</td></tr>
<tr><th><b>Příjemci podpory</b></th><td>fyzické osoby – sportovci s trvalým pobytem v Jihomoravském kraji</td></tr>
<tr><th><b>Minimální výše podpory na jeden projekt/akci/činnost</b></th><td>20.000,- Kč</td></tr>
<tr><th><b>Maximální výše podpory na jeden projekt/akci/činnost</b></th><td>150.000,- Kč</td></tr>
<tr><th><b>Minimální podíl spoluúčasti žadatele</b></th><td>0 %</td></tr>
</table>
<h3>Dokumenty ke stažení:</h3>
<ul class="docs">
<li><a href="/Documents/24209/Dotacni-program.pdf">Dotační program – pravidla.pdf</a></li>
<li><a href="/Documents/24209/Zadost.fo">Žádost o finanční podporu.fo</a></li>
<li><a href="/Documents/24209/Rozpocet.xlsx">Rozpočet projektu.xlsx</a></li>
</ul>
</div>
<div id="footer">© Jihomoravský kraj, Žerotínovo náměstí 449/3, 601 82 Brno</div>
</form>
</body>
</html>
